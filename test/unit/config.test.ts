import { loadConfig, SETTINGS } from '../../src/config';
import { ConfigError } from '../../src/errors';

const TENANT = '11111111-2222-3333-4444-555555555555';

describe('loadConfig', () => {
  it('applies documented defaults when only the tenant is set', () => {
    const config = loadConfig({ TENANT_ID: TENANT });
    expect(config).toMatchObject({
      tenantId: TENANT,
      pollSchedule: '0 0 * * * *',
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

  it('says a missing TENANT_ID is missing, not that "" is not a GUID', () => {
    expect(() => loadConfig({})).toThrow(/^TENANT_ID: is required: the Entra tenant id \(a GUID\)$/);
  });

  it.each([
    '0 */5 * * * *',
    '0 30 9 * Jan Mon',
    '0 0 9-17/2 * * 1-5',
    '0 0 0 1,15 * *',
    '0 0 0 * * Sunday',
    '0 0 12 * feb-DEC *',
    '5/15 * * * * *',
    '59 59 23 31 12 6',
  ])('accepts the NCRONTAB schedule %s', (schedule) => {
    expect(loadConfig({ TENANT_ID: TENANT, POLL_SCHEDULE: schedule }).pollSchedule).toBe(schedule);
  });

  it.each([
    ['99 99 99 99 99 99', 'second field "99"'],
    ['0 60 * * * *', 'minute field "60"'],
    ['0 0 24 * * *', 'hour field "24"'],
    ['0 0 0 0 * *', 'day field "0"'],
    ['0 0 0 * 13 *', 'month field "13"'],
    ['0 0 0 * * 7', 'day-of-week field "7"'],
    ['0 0 * * Foo *', 'month field "Foo"'],
    ['0 */0 * * * *', 'minute field "*/0": step must be'],
    ['0 0 17-9 * * *', 'range 17-9 runs backwards'],
    ['0 0 * * *', 'has 5 fields, not 6'],
    ['0 0 * * * * *', 'has 7 fields, not 6'],
  ])('refuses the NCRONTAB schedule %s, naming the field', (schedule, problem) => {
    expect(() => loadConfig({ TENANT_ID: TENANT, CLEANUP_SCHEDULE: schedule })).toThrow(
      `CLEANUP_SCHEDULE: expected a 6-field NCRONTAB expression`,
    );
    expect(() => loadConfig({ TENANT_ID: TENANT, CLEANUP_SCHEDULE: schedule })).toThrow(problem);
  });

  it('accepts a table prefix only if every table name it gives is one Azure accepts', () => {
    // Azure table names: ^[A-Za-z][A-Za-z0-9]{2,62}$; the longest table is "checkpoint" (10 characters).
    expect(loadConfig({ TENANT_ID: TENANT, TABLE_PREFIX: 'tw2' }).tablePrefix).toBe('tw2');
    expect(loadConfig({ TENANT_ID: TENANT, TABLE_PREFIX: 'a'.repeat(53) }).tablePrefix).toHaveLength(53);
    for (const bad of ['1abc', 'ab-c', 'a'.repeat(54), 'ab_c']) {
      expect(() => loadConfig({ TENANT_ID: TENANT, TABLE_PREFIX: bad })).toThrow(
        /^TABLE_PREFIX: expected letters and digits starting with a letter, at most 53 characters/,
      );
    }
  });

  it.each([
    ['https://graph.microsoft.com/v1.0', /GRAPH_BASE_URL: expected the Graph root/],
    ['https://graph.microsoft.com/beta/', /GRAPH_BASE_URL: expected the Graph root/],
    ['https://graph.microsoft.com?x=1', /GRAPH_BASE_URL: expected the Graph root/],
    ['http://graph.microsoft.com', /GRAPH_BASE_URL: expected an https:\/\/ URL/],
    ['https://user:hunter2@graph.microsoft.com', /GRAPH_BASE_URL: .*without user:password@/],
  ])('refuses GRAPH_BASE_URL=%s', (url, message) => {
    expect(() => loadConfig({ TENANT_ID: TENANT, GRAPH_BASE_URL: url })).toThrow(message);
    expect(() => loadConfig({ TENANT_ID: TENANT, GRAPH_BASE_URL: url })).not.toThrow(/hunter2/);
  });

  it('accepts the Graph root of a national cloud with or without a trailing slash', () => {
    expect(
      loadConfig({ TENANT_ID: TENANT, GRAPH_BASE_URL: 'https://graph.microsoft.us/' }).graphBaseUrl,
    ).toBe('https://graph.microsoft.us');
  });

  it('refuses credentials in every URL setting without echoing them', () => {
    // Prepare
    const env = {
      TENANT_ID: TENANT,
      TABLES_ENDPOINT: 'https://me:PASS1@acct.table.core.windows.net',
      TEAMS_WORKFLOW_URL: 'https://me:PASS2@prod.westus.logic.azure.com/workflows/1?sig=x',
      WEBHOOK_URLS: 'https://me:PASS3@hooks.example.test/a',
      WEBHOOK_SECRET: `whsec_${Buffer.alloc(24, 7).toString('base64')}`,
    };

    // Act
    const error = caught(() => loadConfig(env));

    // Assess
    expect(error.problems.map((p) => p.variable)).toEqual([
      'WEBHOOK_URLS[0]',
      'TEAMS_WORKFLOW_URL',
      'TABLES_ENDPOINT',
    ]);
    expect(error.message).not.toMatch(/PASS\d/);
  });

  it('refuses a webhook URL listed twice, comparing without trailing slash, host case and default port', () => {
    // Prepare
    const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
    const urls = 'https://Hooks.Example.test:443/a/?sig=1, https://hooks.example.test/a?sig=1';

    // Act
    const error = caught(() => loadConfig({ TENANT_ID: TENANT, WEBHOOK_URLS: urls, WEBHOOK_SECRET: secret }));
    const distinct = loadConfig({
      TENANT_ID: TENANT,
      WEBHOOK_URLS: 'https://hooks.example.test/a?sig=1, https://hooks.example.test/a?sig=2',
      WEBHOOK_SECRET: secret,
    });

    // Assess
    expect(error.message).toMatch(/^WEBHOOK_URLS\[1\]: is the same endpoint as WEBHOOK_URLS\[0\]/);
    expect(error.message).not.toContain('sig=1');
    expect(distinct.webhookUrls).toHaveLength(2);
  });

  it('reports every bad setting at once, one line each, naming the variable and never a secret', () => {
    // Prepare
    const env = {
      TENANT_ID: '',
      POLL_SCHEDULE: '99 99 99 99 99 99',
      GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
      TABLE_PREFIX: '1abc',
      LOOKBACK_HOURS: 'ten',
      TEAMS_WORKFLOW_URL: 'not a url sig=SUPERSECRET',
      WEBHOOK_URLS: 'https://hooks.example.test/a',
      WEBHOOK_SECRET: 'whsec_SHORTSECRET',
    };

    // Act
    const error = caught(() => loadConfig(env));

    // Assess
    expect(error.problems.map((p) => p.variable)).toEqual([
      'TENANT_ID',
      'POLL_SCHEDULE',
      'LOOKBACK_HOURS',
      'GRAPH_BASE_URL',
      'TABLE_PREFIX',
      'TEAMS_WORKFLOW_URL',
      'WEBHOOK_SECRET',
    ]);
    expect(error.message.split('\n')).toHaveLength(7);
    expect(error.message).not.toMatch(/SUPERSECRET|SHORTSECRET/);
  });
});

function caught(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
