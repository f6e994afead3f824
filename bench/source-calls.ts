import type { GraphTenantSource } from '../src/graph/graph-tenant-source';
import type { AuditWindow, GraphStats } from '../src/graph/tenant-source';

/** One call a cycle made on its tenant source, with the arguments that decide the Graph requests. */
export type SourceCall =
  | { kind: 'audit-pages'; window: AuditWindow }
  | { kind: 'directory' }
  | { kind: 'sign-ins'; userId: string; window: AuditWindow };

/**
 * `source` with every call appended to `calls` as it is made (arguments copied), results unchanged: run
 * a cycle on it to learn exactly which reads the parse floor must repeat.
 */
export function recordingSource(source: GraphTenantSource, calls: SourceCall[]): GraphTenantSource {
  const copy = (window: AuditWindow): AuditWindow => ({
    from: new Date(window.from),
    to: new Date(window.to),
  });
  const signIns = source.signIns;
  return {
    auditPages: (window) => {
      calls.push({ kind: 'audit-pages', window: copy(window) });
      return source.auditPages(window);
    },
    loadDirectory: () => {
      calls.push({ kind: 'directory' });
      return source.loadDirectory();
    },
    ...(signIns
      ? {
          signIns: (userId: string, window: AuditWindow) => {
            calls.push({ kind: 'sign-ins', userId, window: copy(window) });
            return signIns(userId, window);
          },
        }
      : {}),
    stats: () => source.stats(),
    warnings: () => source.warnings(),
  };
}

/**
 * The parse floor: the recorded calls again, in order, on `source` (a fresh one from the same client):
 * every response downloaded and parsed by the same code, nothing done with the records. Returns the
 * records read.
 */
export async function replaySourceCalls(source: GraphTenantSource, calls: SourceCall[]): Promise<number> {
  let records = 0;
  for (const call of calls) {
    if (call.kind === 'audit-pages') {
      for await (const page of source.auditPages(call.window)) records += page.length;
    } else if (call.kind === 'directory') {
      await source.loadDirectory();
    } else {
      if (!source.signIns) throw new Error('the floor source cannot read sign-ins but the cycle did');
      records += (await source.signIns(call.userId, call.window)).records.length;
    }
  }
  return records;
}

/**
 * Throws unless the floor made the same Graph requests as the cycle, path by path: every request of the
 * cycle is in the floor and the floor has no other.
 */
export function assertSameRequests(cycle: GraphStats, floor: GraphStats): void {
  const paths = new Set([...Object.keys(cycle.requestsByPath), ...Object.keys(floor.requestsByPath)]);
  const differ = [...paths].filter((p) => cycle.requestsByPath[p] !== floor.requestsByPath[p]);
  if (differ.length === 0 && cycle.requests === floor.requests) return;
  const show = (stats: GraphStats) => JSON.stringify(stats.requestsByPath);
  throw new Error(`the parse floor's requests ${show(floor)} differ from the cycle's ${show(cycle)}`);
}

/** `{ "/path": n, … }` as "n × path" parts, largest first, for the results text. */
export function describeRequests(stats: GraphStats): string {
  return Object.entries(stats.requestsByPath)
    .sort(([, a], [, b]) => b - a)
    .map(([path, n]) => `${n} × \`${path}\``)
    .join(', ');
}
