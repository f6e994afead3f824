import { randomBytes } from 'node:crypto';
import { createChannels } from '../src/alerts/build-channels';
import type { CycleSummary } from '../src/cycle-summary';
import { startAlertReceiver } from '../src/sim/alert-receiver';
import { startAzurite } from '../src/store/azurite';
import { createTableStore } from '../src/store/table-store';
import type { BenchTenantSpec } from './bench-tenant';
import { benchConfig, type CycleHarness } from './cycle-harness';

const HOUR_MS = 3_600_000;

/** Table requests of one cycle against the real Table store, with what the cycle did. */
export interface StoreOpsRow {
  label: string;
  auditsRead: number;
  tapEvents: number;
  findings: CycleSummary['findings'];
  alertsSent: number;
  alertsSuppressed: number;
  storeOperations: number;
}

/**
 * Issue 4's figure at cycle level: the Table store on Azurite with real Teams and webhook channels posting
 * to a local receiver, hourly cycles over the same tenant. ALERT_MAX_PER_CYCLE is raised so the first
 * cycle alerts everything it found and the re-run measures only what re-reading costs.
 */
export async function measureStoreOps(
  harness: CycleHarness,
  spec: BenchTenantSpec,
  now: Date,
): Promise<StoreOpsRow[]> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const azurite = await startAzurite();
  const receiver = await startAlertReceiver({ webhookSecret: secret });
  try {
    const config = benchConfig(harness.sim.baseUrl, {
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      TEAMS_WORKFLOW_URL: `${receiver.url}/teams/workflows/bench?sig=${randomBytes(16).toString('hex')}`,
      WEBHOOK_URLS: `${receiver.url}/webhook/bench`,
      WEBHOOK_SECRET: secret,
      ALERT_MAX_PER_CYCLE: '10000',
    });
    const store = await createTableStore({
      connectionString: azurite.connectionString,
      tablePrefix: 'benchcycle',
    });
    const channels = createChannels(config);
    const rows: StoreOpsRow[] = [];
    const run = async (label: string, at: Date) => {
      const summary = await harness.cycle(at, { store, channels, config });
      if (summary.status !== 'ok')
        throw new Error(`${label}: cycle was ${summary.status}: ${summary.errors.join('; ')}`);
      rows.push({
        label,
        auditsRead: summary.audits.read,
        tapEvents: summary.tapEvents,
        findings: summary.findings,
        alertsSent: summary.alerts.sent,
        alertsSuppressed: summary.alerts.suppressed,
        storeOperations: summary.storeOperations,
      });
    };
    await harness.sim.setTenant(spec);
    await run('first cycle: every finding new', now);
    await run('same cycle re-run: nothing new', now);
    await run('an hour later: window moved one hour', new Date(now.getTime() + HOUR_MS));
    await harness.sim.setTenant({ ...spec, withoutTaps: true });
    await run('a day without TAP records', new Date(now.getTime() + HOUR_MS));
    return rows;
  } finally {
    await receiver.close();
    await azurite.stop();
  }
}

export function storeOpsTable(rows: StoreOpsRow[]): string {
  return [
    '| cycle | audit records read | TAP events | findings new / unchanged | channel deliveries / suppressed | Table requests | per finding |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const total = r.findings.new + r.findings.unchanged + r.findings.merged;
      const perFinding = total > 0 ? (r.storeOperations / total).toFixed(2) : '–';
      const findings = `${r.findings.new} / ${r.findings.unchanged}${r.findings.merged ? ` (+${r.findings.merged} merged)` : ''}`;
      return `| ${r.label} | ${r.auditsRead} | ${r.tapEvents} | ${findings} | ${r.alertsSent} / ${r.alertsSuppressed} | ${r.storeOperations} | ${perFinding} |`;
    }),
  ].join('\n');
}
