import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCycleMessage } from '../../../src/tenants/cycle-message';
import { MAX_DEQUEUE_COUNT } from '../../../src/tenants/cycle-queue';
import { checkTenantOverrides, tenantConfig } from '../../../src/tenants/tenant-config';
import { managedIdentityAssertion, TOKEN_EXCHANGE_SCOPE } from '../../../src/tenants/tenant-credential';

const HOME = '0b0e5e7a-6d1c-4f39-9a57-7d3c2f1b9e10';
const CUSTOMER = '9d2c1b0a-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const BASE = {
  TENANT_ID: HOME,
  STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  TEAMS_WORKFLOW_URL: 'https://operator.example/teams?sig=operator',
  WEBHOOK_URLS: 'https://operator.example/siem',
  WEBHOOK_SECRET: SECRET,
  ALERT_MIN_SEVERITY: 'medium',
  CUSTOMER_WEBHOOKS: 'https://customer.example/hook',
  CUSTOMER_SECRET: SECRET,
};

describe('tenant settings overlay', () => {
  it('gives a tenant without overrides the deployment settings under its own tenant id', () => {
    const config = tenantConfig(BASE, { tenantId: CUSTOMER, overrides: {} });
    expect(config.tenantId).toBe(CUSTOMER);
    expect(config.webhookUrls).toEqual(['https://operator.example/siem']);
    expect(config.teamsWorkflowUrl).toBe(BASE.TEAMS_WORKFLOW_URL);
  });

  it('replaces every deployment channel when the tenant names one of its own, resolved from the app setting', () => {
    const config = tenantConfig(BASE, {
      tenantId: CUSTOMER,
      overrides: {
        WEBHOOK_URLS: 'env:CUSTOMER_WEBHOOKS',
        WEBHOOK_SECRET: 'env:CUSTOMER_SECRET',
        ALERT_MIN_SEVERITY: 'high',
      },
    });
    expect(config.webhookUrls).toEqual(['https://customer.example/hook']);
    expect(config.teamsWorkflowUrl).toBeUndefined();
    expect(config.alertMinSeverity).toBe('high');
  });

  it('validates an override exactly like the environment variable and names the tenant', () => {
    expect(() =>
      tenantConfig(BASE, { tenantId: CUSTOMER, overrides: { ALERT_MIN_SEVERITY: 'loud' } }),
    ).toThrow(
      `tenant ${CUSTOMER}: ALERT_MIN_SEVERITY: expected informational|low|medium|high|critical, got "loud"`,
    );
    expect(() =>
      checkTenantOverrides(BASE, { tenantId: CUSTOMER, overrides: { MAX_TAP_LIFETIME_MINUTES: '-1' } }),
    ).toThrow(/MAX_TAP_LIFETIME_MINUTES/);
  });

  it('refuses a secret given as a value without echoing it, and a setting a tenant may not override', () => {
    const secretUrl = 'https://prod-12.westeurope.logic.azure.com/workflows/x?sig=SECRETSIG';
    let message = '';
    try {
      checkTenantOverrides(BASE, { tenantId: CUSTOMER, overrides: { TEAMS_WORKFLOW_URL: secretUrl } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('TEAMS_WORKFLOW_URL');
    expect(message).not.toContain('SECRETSIG');
    expect(() =>
      checkTenantOverrides(BASE, { tenantId: CUSTOMER, overrides: { TABLE_PREFIX: 'x' } }),
    ).toThrow(/not a per-tenant setting/);
  });

  it('fails a cycle config whose reference names an app setting that is not set', () => {
    expect(() =>
      tenantConfig(BASE, { tenantId: CUSTOMER, overrides: { WEBHOOK_URLS: 'env:MISSING' } }),
    ).toThrow(`tenant ${CUSTOMER}: WEBHOOK_URLS: references app setting MISSING, which is not set or empty`);
  });
});

describe('cycle queue messages', () => {
  it('accepts the two fields as an object or as JSON text', () => {
    const expected = { tenantId: CUSTOMER, queuedAt: '2026-11-20T08:00:00.000Z' };
    expect(parseCycleMessage({ tenantId: CUSTOMER.toUpperCase(), queuedAt: '2026-11-20T08:00:00Z' })).toEqual(
      expected,
    );
    expect(parseCycleMessage(JSON.stringify(expected))).toEqual(expected);
  });

  it.each([
    ['a tenant id that is not a GUID', { tenantId: "x' or 1 eq 1", queuedAt: '2026-11-20T08:00:00Z' }],
    [
      'an extra field',
      { tenantId: CUSTOMER, queuedAt: '2026-11-20T08:00:00Z', graphBaseUrl: 'https://evil' },
    ],
    ['no time', { tenantId: CUSTOMER }],
    ['text that is not JSON', 'run everything'],
    ['an array', [CUSTOMER]],
    ['a huge message', 'x'.repeat(5000)],
  ])('refuses %s', (_name, raw) => {
    expect(() => parseCycleMessage(raw)).toThrow(/queue message/);
  });
});

describe('the queue host settings', () => {
  it('keeps host.json maxDequeueCount equal to the attempt the code records as poisoned', () => {
    const host = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'host.json'), 'utf8'));
    expect(host.extensions.queues.maxDequeueCount).toBe(MAX_DEQUEUE_COUNT);
  });
});

describe('federated credential of a customer tenant', () => {
  it('asks the managed identity for a token-exchange token and uses it as the client assertion', async () => {
    const scopes: Array<string | string[]> = [];
    const identity = {
      getToken: async (scope: string | string[]) => {
        scopes.push(scope);
        return { token: 'mi-assertion', expiresOnTimestamp: Date.now() + 60_000 };
      },
    };
    expect(await managedIdentityAssertion(identity, CUSTOMER)).toBe('mi-assertion');
    expect(scopes).toEqual([TOKEN_EXCHANGE_SCOPE]);
    expect(TOKEN_EXCHANGE_SCOPE).toBe('api://AzureADTokenExchange/.default');
  });

  it('fails with a named error when the managed identity returns no token', async () => {
    await expect(managedIdentityAssertion({ getToken: async () => null }, CUSTOMER)).rejects.toThrow(
      `tenant ${CUSTOMER}: the managed identity returned no token`,
    );
  });
});
