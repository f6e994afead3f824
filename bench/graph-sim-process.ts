import { createInterface } from 'node:readline';
import { SELECTED_AUDIT_ACTIVITIES } from '../src/audit/audit-activities';
import type { TenantSnapshot } from '../src/directory/snapshot';
import { type GraphSimulator, startGraphSimulator } from '../src/sim/graph-simulator';
import { type BenchTenantSpec, buildBenchTenant, latencyModel } from './bench-tenant';

/**
 * The Graph simulator in its own process, so the CPU it spends serving pages is not counted in the
 * benchmark's measurements. Speaks one JSON object per line: requests on stdin, answers on stdout
 * (nothing else is ever written there). Exits when stdin closes, so it cannot outlive the benchmark.
 */
export type SimCommand =
  | { op: 'start'; token: string }
  | { op: 'tenant'; spec: BenchTenantSpec }
  | { op: 'counts' }
  | { op: 'reset' }
  /** Sets the simulator's clock (ISO): records published after it are not served. */
  | { op: 'clock'; now: string }
  /**
   * Coverage of an activity span (see AuditIndex.coverage), plus records published in [publishedFrom,
   * publishedTo); both count only the activities the poller selects.
   */
  | ({ op: 'coverage' } & CoverageQuery);

/** An activity span and a publication span to count records over (the `coverage` command). */
export interface CoverageQuery {
  fromMs: number;
  toMs: number;
  maxLatenessMs: number;
  byMs: number;
  publishedFrom: number;
  publishedTo: number;
}

const EMPTY: TenantSnapshot = {
  roleDefinitions: [],
  roleAssignments: [],
  roleEligibilityScheduleInstances: [],
  groups: [],
  users: [],
  directoryAudits: [],
};

export async function serveSimulator(): Promise<void> {
  let sim: GraphSimulator | undefined;
  const running = (): GraphSimulator => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
  const answer = async (command: SimCommand): Promise<unknown> => {
    switch (command.op) {
      case 'start':
        sim ??= await startGraphSimulator({ tenant: EMPTY, token: command.token });
        return { baseUrl: sim.baseUrl, ca: sim.ca };
      case 'tenant': {
        const { tenant, info } = buildBenchTenant(command.spec);
        running().setTenant(tenant, latencyModel(command.spec.latency));
        running().setClock(undefined);
        return info;
      }
      case 'counts': {
        const cpu = process.cpuUsage();
        return {
          counts: running().counts(),
          batched: running().batchedCounts(),
          cpuMs: (cpu.user + cpu.system) / 1000,
        };
      }
      case 'reset':
        running().resetCounts();
        return {};
      case 'clock': {
        const now = new Date(command.now);
        running().setClock(() => now);
        return {};
      }
      case 'coverage': {
        const audits = running().audits();
        return {
          ...audits.coverage(
            command.fromMs,
            command.toMs,
            command.maxLatenessMs,
            command.byMs,
            SELECTED_AUDIT_ACTIVITIES,
          ),
          publishedInSpan: audits.publishedBetween(
            command.publishedFrom,
            command.publishedTo,
            SELECTED_AUDIT_ACTIVITIES,
          ),
          downloaded: audits.downloaded,
        };
      }
    }
  };
  try {
    for await (const line of createInterface({ input: process.stdin })) {
      if (line.trim() === '') continue;
      const reply = await answer(JSON.parse(line) as SimCommand).then(
        (result) => ({ ok: true, result }),
        (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
      process.stdout.write(`${JSON.stringify(reply)}\n`);
    }
  } finally {
    await sim?.close();
  }
}

if (require.main === module) {
  serveSimulator().catch((error: unknown) => {
    process.stderr.write(`graph simulator process failed: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
