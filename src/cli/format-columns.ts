/**
 * Rows under a header as aligned columns, two spaces apart, trailing spaces trimmed. Widths count code
 * points, so a cell with astral characters (emoji in a display name) does not shift the next column.
 * Cells must already be terminal-safe (`terminalText`/`terminalAuditText`).
 */
export function formatColumns(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell + ' '.repeat(Math.max(0, (widths[c] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n');
}
