import { SELECTED_AUDIT_ACTIVITIES } from '../src/audit/audit-activities';
import { DIRECTORY_AUDITS_PATH } from '../src/graph/audit-query';
import type { BenchTenantInfo, BenchTenantSpec } from './bench-tenant';
import type { CycleHarness } from './cycle-harness';

/** One tenant the cycle is run against, e.g. "the same day without TAP records". */
export interface CycleVariant {
  key: string;
  label: string;
  spec: BenchTenantSpec;
}

/** Graph requests of one cycle, from the client's count and from the simulator's. */
export interface RequestRow {
  variant: CycleVariant;
  tenant: BenchTenantInfo;
  auditsRead: number;
  tapEvents: number;
  findings: number;
  /** `GET /auditLogs/directoryAudits` requests: one per page of each selected activity, no retries happened. */
  auditRequests: number;
  /** Every other request: role definitions, assignments, eligibility, `$batch` of groups and members, sign-ins. */
  directoryRequests: number;
  /** `GET /beta/auditLogs/signIns` requests: at most one per target of an open alertable TAP. */
  signInRequests: number;
  directoryByPath: Record<string, number>;
  /** HTTP requests the simulator process answered (should equal the client's total). */
  serverRequests: number;
  /** Requests carried inside `$batch` calls (one HTTP request each batch). */
  batchedInner: number;
}

/** Serves `variant` from the simulator, runs one cycle at `now` and splits its Graph requests. */
export async function countCycleRequests(
  harness: CycleHarness,
  variant: CycleVariant,
  now: Date,
): Promise<RequestRow> {
  const tenant = await harness.sim.setTenant(variant.spec);
  await harness.sim.resetCounts();
  const summary = await harness.cycle(now);
  if (summary.status !== 'ok')
    throw new Error(`cycle on ${variant.key} was ${summary.status}: ${summary.errors.join('; ')}`);
  const server = await harness.sim.counts();
  const byPath = { ...summary.graph.requestsByPath };
  const auditRequests = byPath[DIRECTORY_AUDITS_PATH] ?? 0;
  delete byPath[DIRECTORY_AUDITS_PATH];
  return {
    variant,
    tenant,
    auditsRead: summary.audits.read,
    tapEvents: summary.tapEvents,
    findings: summary.findings.total,
    auditRequests,
    directoryRequests: summary.graph.requests - auditRequests,
    signInRequests: summary.chain.signIns.requested,
    directoryByPath: byPath,
    serverRequests: Object.values(server.counts).reduce((a, b) => a + b, 0),
    batchedInner: Object.values(server.batched).reduce((a, b) => a + b, 0),
  };
}

/** The markdown table of request rows, plus the line that states the invariant they show. */
export function requestTable(rows: RequestRow[], pageSize: number): string {
  const lines = [
    '| tenant | audit records read | TAP events | findings | audit pages | directory requests | total | simulator saw |',
    '|---|---|---|---|---|---|---|---|',
    ...rows
      .map((r) =>
        [
          r.variant.label,
          r.auditsRead,
          r.tapEvents,
          r.findings,
          `${r.auditRequests} (${SELECTED_AUDIT_ACTIVITIES.length} activities; ⌈${r.auditsRead}/${pageSize}⌉ = ${Math.max(1, Math.ceil(r.auditsRead / pageSize))} if they were one)`,
          r.directoryRequests,
          r.auditRequests + r.directoryRequests,
          r.serverRequests,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
  const withEvents = rows.find((r) => r.tapEvents > 0);
  if (withEvents) {
    const parts = Object.entries(withEvents.directoryByPath)
      .map(([path, n]) => `${n} × \`${path}\``)
      .join(', ');
    lines.push(
      '',
      `Directory requests when there are events: ${parts}; the \`$batch\` calls carried ${withEvents.batchedInner} group and member reads.`,
    );
  }
  return lines.join('\n');
}
