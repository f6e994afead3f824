import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of a file in `test/fixtures/audit`. */
export function auditFixture(name: string): string {
  return join(__dirname, '..', '..', 'fixtures', 'audit', name);
}

/** The records of a fixture file: a JSON array or a `{records:[…]}` export. */
export function fixtureRecords(name: string): Record<string, unknown>[] {
  const parsed = JSON.parse(readFileSync(auditFixture(name), 'utf8')) as unknown;
  if (Array.isArray(parsed)) return parsed as Record<string, unknown>[];
  return (parsed as { records: Record<string, unknown>[] }).records;
}

export const SHAPES = [
  { source: 'graph', file: 'graph' },
  { source: 'log-analytics', file: 'log-analytics' },
  { source: 'azure-monitor', file: 'azure-monitor' },
] as const;
