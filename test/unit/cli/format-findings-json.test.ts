import { formatFindingsJson, formatFindingsJsonLines } from '../../../src/cli/format-findings-json';
import type { Finding } from '../../../src/rules/finding';

const finding = (id: string, name: string): Finding => ({
  id,
  tenantId: 'offline',
  severity: 'low',
  title: `TAP issued to ${name}`,
  activityDateTime: '2026-11-20T08:14:05Z',
  detectedAt: '2026-11-20T09:00:00.000Z',
  rules: [
    { id: 'tap-issued', severity: 'informational', reason: 'r', evidence: { nested: { list: [1, 2] } } },
  ],
  target: { id: 't', displayName: name, roles: [] },
  initiator: { type: 'unknown', roles: [] },
  tap: {},
  audit: { ids: ['a'], correlationId: 'c', activity: 'x', resultReason: 'y', source: 'graph' },
  attack: ['T1078.004'],
  triage: [],
});

describe('formatFindingsJson()', () => {
  it.each([
    ['no findings', []],
    ['one finding', [finding('1', 'Ann')]],
    ['several findings', [finding('1', 'Ann'), finding('2', 'Bo\nb'), finding('3', 'Cy')]],
  ])('writes %s exactly as an indented JSON array', (_name, findings) => {
    // Act
    const text = formatFindingsJson(findings);

    // Assess
    expect(text).toBe(`${JSON.stringify(findings, null, 2)}\n`);
  });
});

describe('formatFindingsJsonLines()', () => {
  it('writes one parseable finding per line, newlines in names escaped', () => {
    // Prepare
    const findings = [finding('1', 'Ann'), finding('2', 'Bo\nb')];

    // Act
    const lines = formatFindingsJsonLines(findings).split('\n');

    // Assess
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2).map((l) => JSON.parse(l))).toEqual(findings);
  });
});
