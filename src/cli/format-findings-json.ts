import type { Finding } from '../rules/finding';
import { inertJson } from './format-terminal-text';

/** `--format json`: one JSON array of findings (DESIGN §5 shape), indented for reading. */
export function formatFindingsJson(findings: readonly Finding[]): string {
  return `${inertJson(findings, 2)}\n`;
}

/** `--format jsonl`: one finding per line, for `jq`, log shippers and appending to files. */
export function formatFindingsJsonLines(findings: readonly Finding[]): string {
  return findings.map((f) => `${inertJson(f)}\n`).join('');
}
