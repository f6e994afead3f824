import { randomUUID } from 'node:crypto';
import { HttpRequest } from '@azure/functions';
import { findingsApi, makeFindingsApi } from '../../../functions/findingsApi';
import { loadConfig } from '../../../src/config';
import { startAzurite } from '../../../src/store/azurite';
import type { FindingStore } from '../../../src/store/store';
import type { StoreDeps } from '../../../src/store/store-deps';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { buildFinding } from '../../support/stored-finding-builder';
import { recordingContext } from './store-invocation';

const TENANT = randomUUID();
const HOUR = 3_600_000;
const azurite = useAzurite();
let deps: StoreDeps;
const seeded: Record<string, string> = {};

const get = (path: string, id?: string) =>
  new HttpRequest({ method: 'GET', url: `http://localhost/api/${path}`, ...(id ? { params: { id } } : {}) });

beforeAll(async () => {
  const config = loadConfig({
    TENANT_ID: TENANT,
    STORAGE_CONNECTION_STRING: azurite().connectionString,
    TABLE_PREFIX: 'api',
  });
  const store: FindingStore = await createTableStore({
    connectionString: azurite().connectionString,
    tablePrefix: 'api',
  });
  deps = { config, store };
  // One finding today, one yesterday, one the day before (UTC), whatever the time of day the test runs.
  const today = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR;
  const specs = {
    ga: {
      rules: ['tap-privileged-target'],
      targetUpn: 'ga@contoso.test',
      at: Math.max(Date.now() - 60_000, today),
    },
    sync: { rules: ['tap-sync-account'], targetUpn: 'sync_x@contoso.test', at: today - 12 * HOUR },
    user: { rules: [], targetUpn: 'user@contoso.test', at: today - 36 * HOUR },
  };
  for (const [name, { at, ...spec }] of Object.entries(specs)) {
    const finding = buildFinding({ tenantId: TENANT, activityDateTime: new Date(at).toISOString(), ...spec });
    seeded[name] = finding.id;
    await store.saveFinding(finding, name === 'user' ? 'below-threshold' : 'pending');
  }
});

describe('findingsApi', () => {
  it('returns findings at or above the requested severity with their alert state', async () => {
    // Prepare
    const handler = makeFindingsApi(async () => deps);
    const { context } = recordingContext('findingsApi');

    // Act
    const response = await handler(get('findings?severity=high&code=function-key'), context);

    // Assess
    expect(response.status).toBe(200);
    const body = response.jsonBody as {
      findings: Array<{ id: string; alert: { status: string } }>;
      continuationToken?: string;
    };
    expect(body.findings.map((f) => f.id).sort()).toEqual([seeded.ga, seeded.sync].sort());
    expect(body.findings[0]?.alert.status).toBe('pending');
    expect(body.continuationToken).toBeUndefined();
  });

  it('pages with limit and continuationToken, newest day first', async () => {
    const handler = makeFindingsApi(async () => deps);
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `findings?limit=1${token ? `&continuationToken=${token}` : ''}`;
      const response = await handler(get(query), recordingContext('findingsApi').context);
      expect(response.status).toBe(200);
      const body = response.jsonBody as { findings: Array<{ id: string }>; continuationToken?: string };
      ids.push(...body.findings.map((f) => f.id));
      token = body.continuationToken;
      pages += 1;
    } while (token && pages < 10);

    expect(ids).toEqual([seeded.ga, seeded.sync, seeded.user]);
  });

  it('returns one finding by id and 404 for an unknown id', async () => {
    const handler = makeFindingsApi(async () => deps);

    const found = await handler(
      get(`findings/${seeded.ga}`, seeded.ga),
      recordingContext('findingsApi').context,
    );
    const missing = await handler(get('findings/nope', 'nope'), recordingContext('findingsApi').context);

    expect(found.status).toBe(200);
    expect(
      (found.jsonBody as { id: string; target: { userPrincipalName: string } }).target.userPrincipalName,
    ).toBe('ga@contoso.test');
    expect(missing).toEqual({ status: 404, jsonBody: { error: 'finding not found' } });
  });

  it('answers 400 with a one-line message for bad parameters and tokens', async () => {
    const handler = makeFindingsApi(async () => deps);

    const badSeverity = await handler(
      get('findings?severity=urgent'),
      recordingContext('findingsApi').context,
    );
    const unknown = await handler(get('findings?top=5'), recordingContext('findingsApi').context);
    const badToken = await handler(
      get('findings?continuationToken=eyJ2IjoyfQ'),
      recordingContext('findingsApi').context,
    );

    expect(badSeverity.status).toBe(400);
    expect((badSeverity.jsonBody as { error: string }).error).toMatch(/^severity must be/);
    expect(unknown.status).toBe(400);
    expect(badToken).toEqual({
      status: 400,
      jsonBody: { error: 'continuationToken is not valid for this query' },
    });
  });

  it('answers 500 without internals when the store is unreachable, and logs no secret', async () => {
    // Prepare: a store on an Azurite that is then stopped
    const down = await startAzurite();
    const store = await createTableStore({ connectionString: down.connectionString, tablePrefix: 'api' });
    await down.stop();
    const handler = makeFindingsApi(async () => ({ config: deps.config, store }));
    const { context, lines } = recordingContext('findingsApi');

    // Act
    const response = await handler(get('findings'), context);

    // Assess
    expect(response).toEqual({ status: 500, jsonBody: { error: 'internal error' } });
    expect(lines.join('\n')).toMatch(/apifindings: queryFindings failed without a response/);
    expect(lines.join('\n')).not.toContain('AccountKey');
    expect(lines.join('\n')).not.toContain('Eby8vdM02x');
  });

  it('builds its deps from the environment on the first call, not at import', async () => {
    const saved = { ...process.env };
    try {
      process.env.TENANT_ID = TENANT;
      process.env.STORAGE_CONNECTION_STRING = azurite().connectionString;
      process.env.TABLE_PREFIX = 'api';

      const response = await findingsApi(
        get(`findings/${seeded.sync}`, seeded.sync),
        recordingContext('findingsApi').context,
      );

      expect(response.status).toBe(200);
    } finally {
      process.env = saved;
    }
  });
});
