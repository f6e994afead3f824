import type { CycleSummary, DeletionLookupStats } from '../cycle-summary';

/** Cycle summaries as a compact terminal table: one row per cycle, then errors and warnings. */
export function formatSummary(summaries: readonly CycleSummary[]): string {
  const header = [
    'cycle',
    'status',
    'audits',
    'tap',
    'new',
    'merged',
    'delivered',
    'suppr',
    'failed',
    'pending',
    'graph',
    'table ops',
  ];
  const rows = summaries.map((s, i) => [
    String(i + 1),
    s.status,
    String(s.audits.read),
    String(s.tapEvents),
    String(s.findings.new),
    String(s.findings.merged),
    String(s.alerts.sent),
    String(s.alerts.suppressed),
    String(s.alerts.failed),
    String(s.alerts.pending),
    String(s.graph.requests),
    String(s.storeOperations),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  summaries.forEach((s, i) => {
    for (const w of s.directory.warnings) out.push(`cycle ${i + 1} warning: ${w}`);
    const lookups = deletionLookupsLine(s.chain.deletionLookups);
    if (lookups) out.push(`cycle ${i + 1} deletion look-ups: ${lookups}`);
    for (const e of s.errors) out.push(`cycle ${i + 1} error: ${e}`);
    if (s.skipped)
      out.push(
        `cycle ${i + 1} skipped: run ${s.skipped.heldBy} holds the tenant lease until ${s.skipped.until}`,
      );
  });
  return `${out.join('\n')}\n`;
}

/**
 * The earlier-deletions look-ups and their retry markers (docs/architecture.md, "Deletions before the
 * TAP") in words, or undefined when the cycle had none, so the table stays quiet in the common case.
 */
export function deletionLookupsLine(d: DeletionLookupStats): string | undefined {
  if (d.made + d.marked + d.cleared === 0) return undefined;
  return `${d.made} made (${d.retried} retried, ${d.failed} failed), ${d.marked} marked pending, ${d.cleared} cleared`;
}
