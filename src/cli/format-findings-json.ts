import type { Finding } from '../rules/finding';
import { inertJson } from './format-terminal-text';

/**
 * `--format json`: one JSON array of findings (docs/api.md#the-finding), indented for reading. Yields it
 * a finding at a time so large results are written without building one huge string; the
 * concatenation equals `JSON.stringify(findings, null, 2)` (plus a final newline).
 */
export function* findingsJsonChunks(findings: readonly Finding[]): Generator<string> {
  if (findings.length === 0) {
    yield '[]\n';
    return;
  }
  for (const [i, finding] of findings.entries()) {
    // JSON text holds no raw newline inside strings, so indenting every line nests it in the array.
    yield `${i === 0 ? '[\n  ' : ',\n  '}${inertJson(finding, 2).replaceAll('\n', '\n  ')}`;
  }
  yield '\n]\n';
}

/** `--format jsonl`: one finding per line, for `jq`, log shippers and appending to files. */
export function* findingsJsonLineChunks(findings: readonly Finding[]): Generator<string> {
  for (const finding of findings) yield `${inertJson(finding)}\n`;
}

export function formatFindingsJson(findings: readonly Finding[]): string {
  return [...findingsJsonChunks(findings)].join('');
}

export function formatFindingsJsonLines(findings: readonly Finding[]): string {
  return [...findingsJsonLineChunks(findings)].join('');
}
