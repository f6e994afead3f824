import { join, resolve } from 'node:path';
import type { CycleSummary } from '../cycle-summary';
import type { TenantSnapshot } from '../directory/snapshot';
import { readSnapshotFile } from '../directory/snapshot-file';
import { createLogger } from '../logging';
import { packageRoot } from '../package-root';
import type { ReceivedAlert } from '../sim/alert-receiver';
import { startLocalStack } from '../sim/local-stack';
import { SAMPLE_TENANT_ID, SAMPLE_TENANT_SETTINGS } from '../sim/sample-tenant';
import { shiftAuditTimes } from '../sim/shift-audits';
import type { FindingStore, StoredFinding } from '../store/store';
import { choiceArg, parseCommandArgs } from './args';
import { alertFindingId, formatDemoReport } from './format-demo';
import { type Command, EXIT, UsageError } from './io';

export const DEMO_HELP = `Usage: tapwatch demo [--tenant FILE | --tenants N] [--cycles N] [--format table|json]

Runs the whole detector locally, with no Azure account: an HTTPS Microsoft Graph simulator serving a
tenant snapshot (default: the bundled Contoso sample), an in-memory Azurite for Table Storage, and local
receivers standing in for a Teams workflow and a webhook consumer. Audit and sign-in times are shifted by
one offset so the newest record is five minutes old at the last cycle (earlier cycles see the log as it
was then). N detection cycles (default 2, one hour apart) run through the real pipeline; then the findings, the alerts the receivers got and the cycle summaries are printed.
Settings such as ALLOWED_TAP_APP_IDS or ALERT_MIN_SEVERITY are taken from the environment when set.
--format json prints { findings, alerts: [{ channel, findingId, receivedAt }], cycles }.
--tenants N (2 to 8) runs N simulated tenants through the queue path instead (timer fan-out onto an Azurite
queue, cycles drained four at a time, each tenant on its own simulator port with its own channels); the
last tenant never consented and ends in the poison queue. JSON: { tenants, queue, rounds }.`;

/** Settings a user may override from the environment for a demo run (rules and alerting only). */
const PASSTHROUGH = [
  'ALLOWED_TAP_APP_IDS',
  'PRIVILEGED_ROLE_IDS',
  'SYNC_ACCOUNT_PATTERNS',
  'MAX_TAP_LIFETIME_MINUTES',
  'BULK_TAP_THRESHOLD',
  'BULK_TAP_WINDOW_MINUTES',
  'ALERT_MIN_SEVERITY',
  'DEDUP_WINDOW_HOURS',
  'LOOKBACK_HOURS',
];
const HOUR_MS = 3_600_000;

export interface DemoAlert {
  channel: string;
  findingId: string;
  receivedAt: string;
}

/** `tapwatch demo`: starts everything it needs on free local ports and stops it all before returning. */
export const demoCommand: Command = async (args, io) => {
  const { values } = parseCommandArgs('demo', args, {
    tenant: { type: 'string' },
    tenants: { type: 'string' },
    cycles: { type: 'string', default: '2' },
    format: { type: 'string', default: 'table' },
  });
  const format = choiceArg(values.format, '--format', ['table', 'json'], 'table');
  const cycles = Number(values.cycles);
  if (!/^\d+$/.test(values.cycles ?? '') || cycles < 1 || cycles > 48) {
    throw new UsageError(
      `--cycles must be a whole number from 1 to 48, got ${JSON.stringify(values.cycles)}`,
    );
  }
  if (values.tenants !== undefined) {
    const count = Number(values.tenants);
    if (values.tenant !== undefined) throw new UsageError('--tenant and --tenants exclude each other');
    if (!/^\d+$/.test(values.tenants) || count < 2 || count > 8) {
      throw new UsageError(
        `--tenants must be a whole number from 2 to 8, got ${JSON.stringify(values.tenants.slice(0, 20))}`,
      );
    }
    const { runTenantsDemo } = require('./demo-tenants') as typeof import('./demo-tenants');
    return runTenantsDemo(io, count, cycles, format);
  }
  const file = values.tenant ? resolve(io.cwd, values.tenant) : bundledTenantPath();
  const tenant = await readTenant(file);
  const now = new Date();
  const env: Record<string, string> =
    tenant.tenantId === SAMPLE_TENANT_ID ? { ...SAMPLE_TENANT_SETTINGS } : {};
  for (const name of PASSTHROUGH) {
    const value = io.env[name];
    if (value) env[name] = value;
  }
  if (format === 'table')
    io.stderr.write('Starting the Graph simulator, Azurite and alert receivers on 127.0.0.1 …\n');
  // The newest record is five minutes old at the last cycle: earlier cycles see the log as it was then, so
  // records of the last hour (the sample chain's passkey) arrive in a later cycle, as they would live.
  const lastCycle = new Date(now.getTime() + (cycles - 1) * HOUR_MS);
  const stack = await startLocalStack({ tenant: shiftAuditTimes(tenant, lastCycle, 5), env });
  try {
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line: string) => io.stderr.write(line) },
    });
    const summaries: CycleSummary[] = [];
    for (let i = 0; i < cycles; i += 1) {
      summaries.push(await stack.runtime.runCycle(new Date(now.getTime() + i * HOUR_MS), logger));
    }
    const stored = await storedFindings(await stack.runtime.store(), stack.config.tenantId, now, cycles);
    const alerts = stack.receiver.received().filter((r) => r.status >= 200 && r.status < 300);
    if (format === 'json') {
      const report = {
        findings: stored.map((s) => s.finding),
        alerts: alerts.map(toDemoAlert),
        cycles: summaries,
      };
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.stdout.write(formatDemoReport({ file, tenant, stored, alerts, summaries }));
    }
    return summaries.every((s) => s.status !== 'failed') ? EXIT.ok : EXIT.failOn;
  } finally {
    await stack.stop();
  }
};

async function readTenant(file: string): Promise<TenantSnapshot> {
  const snapshot = await readSnapshotFile(file);
  if (!('directoryAudits' in snapshot) || !Array.isArray(snapshot.directoryAudits)) {
    throw new UsageError(
      `${file}: no "directoryAudits" array: a demo tenant needs its audit log (docs/architecture.md#snapshot-files)`,
    );
  }
  return snapshot as TenantSnapshot;
}

/** All findings of the demo's window, newest activity first. */
async function storedFindings(
  store: FindingStore,
  tenantId: string,
  now: Date,
  cycles: number,
): Promise<StoredFinding[]> {
  const items: StoredFinding[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.queryFindings({
      tenantId,
      since: new Date(now.getTime() - 3 * 24 * HOUR_MS),
      until: new Date(now.getTime() + cycles * HOUR_MS),
      limit: 1000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    items.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return items.sort(
    (a, b) => Date.parse(b.finding.activityDateTime) - Date.parse(a.finding.activityDateTime),
  );
}

function toDemoAlert(alert: ReceivedAlert): DemoAlert {
  return { channel: alert.channel, findingId: alertFindingId(alert), receivedAt: alert.receivedAt };
}

/** The bundled sample tenant ships in src/sim, found from the package root whether run from src or dist. */
function bundledTenantPath(): string {
  return join(packageRoot(), 'src', 'sim', 'sample-tenant.json');
}
