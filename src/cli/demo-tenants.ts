import { createHash } from 'node:crypto';
import { createLogger } from '../logging';
import { startMultiTenantStack } from '../sim/multi-tenant-stack';
import { buildSampleTenant, SAMPLE_TENANT_SETTINGS } from '../sim/sample-tenant';
import { shiftAuditTimes } from '../sim/shift-audits';
import { MAX_DEQUEUE_COUNT } from '../tenants/cycle-queue';
import type { RoundSummary } from '../tenants/fan-out';
import type { DrainSummary } from '../tenants/local-queue-host';
import { terminalText } from './format-terminal-text';
import { type CliIo, EXIT } from './io';

const HOUR_MS = 3_600_000;
const NAMES = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove', 'Litware', 'Adatum', 'Proseware'];

/** One tenant's line of the multi-tenant demo report. */
export interface DemoTenantReport {
  tenantId: string;
  displayName: string;
  lastStatus: string;
  attempts: number;
  findings: number;
  /** Alerts its own receiver accepted. */
  alerts: number;
  /** Alerts carrying another tenant's id that reached its receiver (always 0). */
  foreignAlerts: number;
  lastError?: string;
}

/**
 * `tapwatch demo --tenants N`: N simulated tenants (the sample tenant's audit log under N tenant ids, each
 * on its own Graph simulator port with its own alert receiver) run through the queue path: the timer's
 * fan-out onto an Azurite queue, then the queue drained four at a time as the queue trigger would. The
 * last tenant never consented (its Graph answers 401): it is retried and ends in the poison queue while
 * the others complete.
 */
export async function runTenantsDemo(
  io: CliIo,
  count: number,
  cycles: number,
  format: 'table' | 'json',
): Promise<number> {
  const now = new Date();
  const tenants = Array.from({ length: count }, (_, i) => ({
    tenant: { ...shiftAuditTimes(buildSampleTenant(), now, 5), tenantId: demoTenantId(i) },
    displayName: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${i + 1}` : ''}`,
    overrides: { ...SAMPLE_TENANT_SETTINGS },
    failing: count > 1 && i === count - 1,
  }));
  if (format === 'table')
    io.stderr.write(
      `Starting ${count} Graph simulators, Azurite (tables and queues) and alert receivers on 127.0.0.1 …\n`,
    );
  const logger = createLogger({ level: 'silent' });
  const stack = await startMultiTenantStack({ tenants, logger });
  try {
    const rounds: Array<{ round: RoundSummary; drain: DrainSummary }> = [];
    for (let i = 0; i < cycles; i += 1) {
      const { round, drain } = await stack.runRound(new Date(now.getTime() + i * HOUR_MS), 4);
      rounds.push({ round, drain });
    }
    const statuses = new Map((await stack.registry.statuses()).map((s) => [s.tenantId, s]));
    const reports: DemoTenantReport[] = [];
    for (const [i, endpoints] of stack.tenants.entries()) {
      const status = statuses.get(endpoints.tenantId);
      const page = await stack.store.queryFindings({
        tenantId: endpoints.tenantId,
        since: new Date(now.getTime() - 3 * 24 * HOUR_MS),
        until: new Date(now.getTime() + cycles * HOUR_MS),
        limit: 1000,
      });
      const accepted = (endpoints.receiver?.received() ?? []).filter(
        (r) => r.status >= 200 && r.status < 300,
      );
      const webhook = accepted.filter((r) => r.channel === 'webhook');
      reports.push({
        tenantId: endpoints.tenantId,
        displayName: tenants[i]?.displayName ?? '',
        lastStatus: status?.lastStatus ?? 'never-run',
        attempts: status?.attempt ?? 0,
        findings: page.items.length,
        alerts: accepted.length,
        foreignAlerts: webhook.filter(
          (r) => (r.body as { tenantId?: string }).tenantId !== endpoints.tenantId,
        ).length,
        ...(status?.lastError ? { lastError: status.lastError } : {}),
      });
    }
    const queue = await stack.queue.depth();
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ tenants: reports, queue, rounds }, null, 2)}\n`);
    } else {
      io.stdout.write(formatTenantsDemo(reports, queue, rounds));
    }
    const expected = reports.every((r, i) =>
      tenants[i]?.failing ? r.lastStatus === 'poisoned' : r.lastStatus === 'ok' && r.foreignAlerts === 0,
    );
    return expected ? EXIT.ok : EXIT.failOn;
  } finally {
    await stack.stop();
  }
}

/** Stable, readable ids: the same demo gives the same tenants every run. */
function demoTenantId(index: number): string {
  const hex = createHash('sha256').update(`tapwatch-demo-tenant-${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function formatTenantsDemo(
  reports: DemoTenantReport[],
  queue: { queued: number; poison: number },
  rounds: Array<{ round: RoundSummary; drain: DrainSummary }>,
): string {
  const lines = [
    'TENANT                                NAME        STATUS    ATTEMPTS  FINDINGS  ALERTS (own channels)',
  ];
  for (const r of reports) {
    lines.push(
      `${r.tenantId}  ${terminalText(r.displayName, 10).padEnd(10)}  ${r.lastStatus.padEnd(8)}  ${String(r.attempts).padStart(8)}  ${String(r.findings).padStart(8)}  ${r.alerts}${r.foreignAlerts ? ` (${r.foreignAlerts} FOREIGN)` : ''}`,
    );
  }
  for (const r of reports.filter((x) => x.lastError)) {
    lines.push(`  ${r.tenantId}: ${terminalText(r.lastError ?? '', 160)}`);
  }
  const last = rounds.at(-1);
  lines.push('');
  lines.push(
    `${rounds.length} round(s); last: ${last?.round.queued.length ?? 0} cycles queued, ${last?.drain.invocations ?? 0} invocations (${last?.drain.retried ?? 0} retried, ${last?.drain.poisoned ?? 0} poisoned after ${MAX_DEQUEUE_COUNT} attempts) in ${last?.drain.elapsedMs ?? 0} ms.`,
  );
  lines.push(
    `Queue now: ${queue.queued} waiting, ${queue.poison} in tapwatch-cycles-poison. No tenant's alert reached another tenant's channels.`,
  );
  return `${lines.join('\n')}\n`;
}
