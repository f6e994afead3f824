import { main } from '../../../src/cli/main';
import { hashToken } from '../../../src/tenants/api-token';
import { openTenantRegistry } from '../../../src/tenants/table-tenant-registry';
import { recordEntity } from '../../../src/tenants/tenant-entity';
import { useAzurite } from '../../support/azurite';
import { captureIo } from '../../support/capture-io';

const HOME = '0b0e5e7a-6d1c-4f39-9a57-7d3c2f1b9e10';
const CUSTOMER = '9d2c1b0a-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const APP = '3f2a9c1e-5b7d-4e8f-9a6b-1c2d3e4f5a6b';

describe('tapwatch tenants on Table storage', () => {
  const azurite = useAzurite();
  const env = (prefix: string) => ({
    TENANT_ID: HOME,
    STORAGE_CONNECTION_STRING: azurite().connectionString,
    TABLE_PREFIX: prefix,
  });
  const run = async (prefix: string, ...args: string[]) => {
    const io = captureIo(env(prefix));
    const code = await main(['tenants', ...args], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('says a deployment without registered tenants watches TENANT_ID alone', async () => {
    const result = await run('empty', 'list');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(
      `No tenants registered: this deployment watches TENANT_ID ${HOME} alone (one implicit tenant).\n`,
    );
  });

  it('adds, lists, changes and removes tenants, validating settings like the environment', async () => {
    // Act
    const home = await run('crud', 'add', HOME, '--name', 'Home');
    const customer = await run(
      'crud',
      'add',
      CUSTOMER,
      '--name',
      'Fabrikam',
      '--app-id',
      APP,
      '--set',
      'ALERT_MIN_SEVERITY=high',
    );
    const twice = await run('crud', 'add', CUSTOMER, '--name', 'Again', '--app-id', APP);
    const noApp = await run('crud', 'add', 'aaaaaaaa-0000-4000-8000-00000000000a', '--name', 'No app');
    const badValue = await run('crud', 'set', CUSTOMER, '--set', 'ALERT_MIN_SEVERITY=loud');
    const plainSecret = await run(
      'crud',
      'set',
      CUSTOMER,
      '--set',
      'WEBHOOK_SECRET=whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
    );
    const set = await run(
      'crud',
      'set',
      CUSTOMER,
      '--disable',
      '--set',
      'WEBHOOK_URLS=env:FABRIKAM_HOOKS',
      '--new-api-token',
    );
    const listed = await run('crud', 'list', '--format', 'json');
    const removed = await run('crud', 'remove', HOME);
    const removedAgain = await run('crud', 'remove', HOME);

    // Assess
    expect(home).toMatchObject({ code: 0, out: `Added tenant ${HOME} (managed-identity).\n` });
    expect(customer).toMatchObject({ code: 0, out: `Added tenant ${CUSTOMER} (federated-app).\n` });
    expect(twice).toMatchObject({ code: 2, err: `tapwatch: tenant ${CUSTOMER} exists already\n` });
    expect(noApp.code).toBe(2);
    expect(noApp.err).toContain('give --app-id');
    expect(badValue).toMatchObject({
      code: 2,
      err: `tapwatch: tenant ${CUSTOMER}: ALERT_MIN_SEVERITY: expected informational|low|medium|high|critical, got "loud"\n`,
    });
    expect(plainSecret.code).toBe(2);
    expect(plainSecret.err).not.toContain('c2VjcmV0');
    const token = /API token \(shown once, give it to this tenant only\): (twt_\S+)/.exec(set.out)?.[1] ?? '';
    expect(token).not.toBe('');
    const body = JSON.parse(listed.out) as { tenants: Array<Record<string, unknown>> };
    expect(body.tenants.map((t) => [t.tenantId, t.enabled, t.apiToken])).toEqual([
      [HOME, true, false],
      [CUSTOMER, false, true],
    ]);
    expect(body.tenants[1]?.overrides).toEqual({
      ALERT_MIN_SEVERITY: 'high',
      WEBHOOK_URLS: 'env:FABRIKAM_HOOKS',
    });
    expect(listed.out).not.toContain(hashToken(token));
    expect(removed.code).toBe(0);
    expect(removedAgain).toMatchObject({ code: 2, err: `tapwatch: tenant ${HOME} is not registered\n` });
  });

  it('lists a hand-edited row that does not validate as invalid, with terminal-safe text', async () => {
    // Prepare
    const registry = await openTenantRegistry({
      connectionString: azurite().connectionString,
      tablePrefix: 'edited',
    });
    await registry.add({
      tenantId: CUSTOMER,
      displayName: 'Good',
      auth: 'federated-app',
      appClientId: APP,
      enabled: true,
      overrides: {},
      updatedAt: '',
    });
    const { TableClient } = await import('@azure/data-tables');
    const table = TableClient.fromConnectionString(azurite().connectionString, 'editedtenants', {
      allowInsecureConnection: true,
    });
    const row = recordEntity({
      tenantId: HOME,
      displayName: 'x',
      auth: 'managed-identity',
      enabled: true,
      overrides: {},
      updatedAt: '',
    });
    await table.upsertEntity({ ...row, displayName: 'Evil\u001b[31m', overrides: '{"TABLE_PREFIX":"x"}' });

    // Act
    const result = await run('edited', 'list');

    // Assess
    expect(result.code).toBe(0);
    expect(result.out).toContain(CUSTOMER);
    expect(result.out).toMatch(new RegExp(`invalid row ${HOME}: .*\\(no cycle runs for it\\)`));
    expect(result.out).not.toContain('\u001b');
  });
});
