import { AuditIndex } from '../../../src/sim/graph-simulator-audits';
import { backfillLatency, PUBLISH_DELAY_FIELD, realisticLatency } from '../../../src/sim/publishing';
import { auditRecord } from '../../fixtures/graph/tenant-builder';

const BASE = 'https://127.0.0.1:1';
const PATH = '/v1.0/auditLogs/directoryAudits';
const MIN = 60_000;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 12, minute));
const QUERY = new URLSearchParams(
  `$filter=loggedByService eq 'Authentication Methods' and activityDateTime ge 2026-03-10T11:00:00Z`,
);

function ids(index: AuditIndex, clock: Date): string[] {
  const body = index.page(PATH, QUERY, { baseUrl: BASE, maxPageSize: 1000, nowMs: clock.getTime() });
  return (body.value as Array<{ id: string }>).map((r) => r.id.slice(-3));
}

describe('simulated publishing latency', () => {
  it('hides a record until its own publish delay has passed on the simulator clock, and never returns the annotation', () => {
    // Prepare: record 1 at 12:00 published at once, record 2 at 12:01 published 30 minutes later
    const late = { ...auditRecord({ n: 2, at: at(1) }), [PUBLISH_DELAY_FIELD]: 30 };
    const index = new AuditIndex([auditRecord({ n: 1, at: at(0) }), late]);

    // Act
    const early = ids(index, at(30));
    const after = ids(index, at(31));
    const body = index.page(PATH, QUERY, { baseUrl: BASE, maxPageSize: 1000, nowMs: at(31).getTime() });

    // Assess
    expect(early).toEqual(['001']);
    expect(after).toEqual(['002', '001']);
    expect(JSON.stringify(body)).not.toContain(PUBLISH_DELAY_FIELD);
  });

  it('draws delays from a seeded model per audit id, and counts what was served against what was published', () => {
    // Prepare: every record up to 20 minutes late
    const records = Array.from({ length: 50 }, (_, n) => auditRecord({ n, at: at(n % 10) }));
    const index = new AuditIndex(records, backfillLatency(7, 1, 20 * MIN));

    // Act: one read at 12:10, before most are published
    ids(index, at(10));
    const coverage = index.coverage(at(0).getTime(), at(10).getTime(), 24 * 60 * MIN, at(40).getTime());

    // Assess
    expect(coverage.published).toBe(50);
    expect(coverage.served).toBeGreaterThan(0);
    expect(coverage.missed).toBe(50 - coverage.served);
    expect(index.downloaded).toBe(coverage.served);
  });

  it('gives the realistic model about 95% of records within 2 minutes, 99% within 5, and a tail of hours', () => {
    const model = realisticLatency(2026);
    const delays = Array.from({ length: 20_000 }, (_, i) => model(`Authentication Methods_${i}`)).sort(
      (a, b) => a - b,
    );
    const quantile = (q: number) => delays[Math.floor(q * delays.length)] as number;

    expect(quantile(0.94)).toBeLessThanOrEqual(2 * MIN);
    expect(quantile(0.96)).toBeGreaterThan(2 * MIN);
    expect(quantile(0.985)).toBeLessThanOrEqual(5 * MIN);
    expect(quantile(0.999)).toBeGreaterThan(2 * 60 * MIN);
    expect(model('same id')).toBe(model('same id'));
  });
});
