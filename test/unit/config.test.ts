import { loadConfig, SETTINGS } from '../../src/config';
import { ConfigError } from '../../src/errors';

const TENANT = '11111111-2222-3333-4444-555555555555';

describe('loadConfig', () => {
  it('applies documented defaults when only the tenant is set', () => {
    const config = loadConfig({ TENANT_ID: TENANT });
    expect(config).toMatchObject({
      tenantId: TENANT,
      pollSchedule: '0 */5 * * * *',
      lookbackHours: 24,
      maxTapLifetimeMinutes: 480,
      alertMinSeverity: 'medium',
      dedupWindowHours: 24,
      retentionDays: 90,
      graphBaseUrl: 'https://graph.microsoft.com',
      webhookUrls: [],
    });
  });

  it('names the variable and the expectation in the error', () => {
    expect(() => loadConfig({ TENANT_ID: TENANT, LOOKBACK_HOURS: 'ten' })).toThrow(
      /LOOKBACK_HOURS: expected a whole number from 1 to 720/,
    );
    expect(() => loadConfig({ TENANT_ID: 'contoso' })).toThrow(ConfigError);
  });

  it('requires a webhook secret in whsec_ form when webhooks are configured', () => {
    expect(() => loadConfig({ TENANT_ID: TENANT, WEBHOOK_URLS: 'https://hooks.example.test/a' })).toThrow(
      /WEBHOOK_SECRET: is required/,
    );
    const ok = loadConfig({
      TENANT_ID: TENANT,
      WEBHOOK_URLS: 'https://hooks.example.test/a, https://hooks.example.test/b',
      WEBHOOK_SECRET: `whsec_${Buffer.alloc(24, 7).toString('base64')}`,
    });
    expect(ok.webhookUrls).toHaveLength(2);
  });

  it('refuses a dedup window longer than retention, which would delete claims still in use', () => {
    expect(() => loadConfig({ TENANT_ID: TENANT, RETENTION_DAYS: '1', DEDUP_WINDOW_HOURS: '48' })).toThrow(
      /DEDUP_WINDOW_HOURS: must not exceed RETENTION_DAYS × 24 \(24\)/,
    );
  });

  it('treats AZURE_CLIENT_ID as the managed identity, unless a service principal credential is beside it', () => {
    const id = '99999999-8888-7777-6666-555555555555';
    expect(loadConfig({ TENANT_ID: TENANT, AZURE_CLIENT_ID: id }).managedIdentityClientId).toBe(id);
    const sp = loadConfig({ TENANT_ID: TENANT, AZURE_CLIENT_ID: id, AZURE_CLIENT_SECRET: 'x' });
    expect(sp.managedIdentityClientId).toBeUndefined();
  });

  it('never echoes a secret URL in its error', () => {
    const secret = 'not a url sig=SUPERSECRET';
    try {
      loadConfig({ TENANT_ID: TENANT, TEAMS_WORKFLOW_URL: secret });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).not.toContain('SUPERSECRET');
    }
  });

  it('documents every setting with a description', () => {
    const names = SETTINGS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(SETTINGS.filter((s) => s.description.length < 10)).toEqual([]);
  });
});
