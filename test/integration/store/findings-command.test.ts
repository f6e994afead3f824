import { randomUUID } from 'node:crypto';
import { findingsCommand } from '../../../src/cli/findings';
import { UsageError } from '../../../src/cli/io';
import { ConfigError } from '../../../src/errors';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { type CapturedIo, captureIo } from '../../support/capture-io';
import { buildFinding } from '../../support/stored-finding-builder';

const azurite = useAzurite();
const TENANT = randomUUID();
const HOUR = 3_600_000;
const ids: Record<string, string> = {};

function io(env: Record<string, string> = {}): CapturedIo {
  return captureIo({
    TENANT_ID: TENANT,
    STORAGE_CONNECTION_STRING: azurite().connectionString,
    TABLE_PREFIX: 'cli',
    ...env,
  });
}

beforeAll(async () => {
  const store = await createTableStore({ connectionString: azurite().connectionString, tablePrefix: 'cli' });
  const specs = {
    ga: { rules: ['tap-privileged-target'], targetUpn: 'ga@contoso.test', ago: 1 * HOUR },
    evil: { rules: ['tap-sync-account'], targetUpn: 'sync\u001b[2J_evil@contoso.test', ago: 26 * HOUR },
    user: { rules: [], targetUpn: 'user@contoso.test', ago: 50 * HOUR },
  };
  for (const [name, { ago, ...spec }] of Object.entries(specs)) {
    const finding = buildFinding({
      tenantId: TENANT,
      activityDateTime: new Date(Date.now() - ago).toISOString(),
      ...spec,
    });
    ids[name] = finding.id;
    await store.saveFinding(finding, 'pending');
  }
});

describe('tapwatch findings', () => {
  it('prints stored findings newest first as a table, with terminal escapes neutralized', async () => {
    // Prepare
    const cli = io();

    // Act
    const code = await findingsCommand(['--since', '3d'], cli);

    // Assess
    expect(code).toBe(0);
    const lines = cli.out().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+TIME \(UTC\)\s+TARGET/);
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[0])).toEqual(['high', 'critical', 'informational']);
    expect(cli.out()).not.toContain('\u001b');
    expect(cli.out()).toMatch(/3 findings: 1 critical, 1 high, 1 informational/);
  });

  it('applies the same filters as the API and prints JSON with alert state', async () => {
    const cli = io();

    const code = await findingsCommand(
      ['--severity', 'high', '--target', 'GA@contoso.test', '--format', 'json'],
      cli,
    );

    expect(code).toBe(0);
    const printed = JSON.parse(cli.out()) as Array<{ id: string; alert: { status: string } }>;
    expect(printed.map((f) => [f.id, f.alert.status])).toEqual([[ids.ga, 'pending']]);
  });

  it('says when --limit stopped it before the end of the range', async () => {
    const cli = io();

    const code = await findingsCommand(['--limit', '2', '--format', 'json'], cli);

    expect(code).toBe(0);
    expect((JSON.parse(cli.out()) as unknown[]).length).toBe(2);
    expect(cli.err()).toMatch(/stopped at --limit 2/);
  });

  it('follows continuation tokens past the 1000-item page size up to --limit', async () => {
    // Prepare: 1100 findings in another tenant
    const tenant = randomUUID();
    const store = await createTableStore({
      connectionString: azurite().connectionString,
      tablePrefix: 'cli',
    });
    const all = Array.from({ length: 1100 }, (_, i) =>
      buildFinding({
        tenantId: tenant,
        activityDateTime: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      }),
    );
    for (let i = 0; i < all.length; i += 50) {
      await Promise.all(all.slice(i, i + 50).map((f) => store.saveFinding(f, 'below-threshold')));
    }
    const cli = io({ TENANT_ID: tenant });

    // Act
    const code = await findingsCommand(['--limit', '1050', '--since', '2d', '--format', 'json'], cli);

    // Assess
    expect(code).toBe(0);
    const printed = JSON.parse(cli.out()) as Array<{ id: string }>;
    expect(new Set(printed.map((f) => f.id)).size).toBe(1050);
    expect(cli.err()).toMatch(/stopped at --limit 1050/);
    // 1100 saves of three requests each (read, insert, open-TAP row) against Azurite on a shared machine.
  }, 30_000);

  it('rejects bad flags and values with a one-line UsageError naming the flag', async () => {
    await expect(findingsCommand(['--severity', 'urgent'], io())).rejects.toThrow(/^--severity must be/);
    await expect(findingsCommand(['--since', 'last week'], io())).rejects.toThrow(UsageError);
    await expect(findingsCommand(['--limit', '0'], io())).rejects.toThrow(/--limit must be a whole number/);
    await expect(findingsCommand(['--bogus'], io())).rejects.toThrow(UsageError);
    await expect(findingsCommand(['--format', 'xml'], io())).rejects.toThrow(
      /--format must be table or json/,
    );
  });

  it('fails with a ConfigError when no store is configured', async () => {
    const cli = io();
    cli.env = { TENANT_ID: TENANT };

    await expect(findingsCommand([], cli)).rejects.toThrow(ConfigError);
  });
});
