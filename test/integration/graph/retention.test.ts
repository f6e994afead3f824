import { SELECTED_AUDIT_ACTIVITIES } from '../../../src/audit/audit-activities';
import { auditSeries, buildTenant } from '../../fixtures/graph/tenant-builder';
import { type Harness, readPages, startHarness } from './graph-harness';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const ACTIVITIES = SELECTED_AUDIT_ACTIVITIES.length;

describe('audit retention', () => {
  let h: Harness;

  beforeAll(async () => {
    // One record per hour for two days, newest ten minutes ago.
    h = await startHarness(
      buildTenant({ audits: auditSeries(48, new Date(NOW.getTime() - 10 * 60_000), HOUR) }),
    );
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.resetCounts();
    h.sim.setRetentionFloor(undefined);
  });

  it("narrows the window to the floor named in Graph's 400, retries once and keeps the floor for every later activity", async () => {
    // Prepare
    h.sim.setRetentionFloor(new Date(NOW.getTime() - 6 * HOUR));
    const { source } = h.source({ now: NOW });

    // Act
    const records = (
      await readPages(source.auditPages({ from: new Date(NOW.getTime() - 24 * HOUR), to: NOW }))
    ).flat();

    // Assess
    const filters = h.sim.received().map((r) => r.query.$filter);
    expect(filters).toHaveLength(ACTIVITIES + 1);
    expect(filters[0]).toContain('activityDateTime ge 2026-03-09T12:00:00Z');
    for (const later of filters.slice(1)) expect(later).toContain('activityDateTime ge 2026-03-10T06:01:00Z');
    // Records at 11:50, 10:50, … 06:50: the ones inside the narrowed window.
    expect(records).toHaveLength(6);
    expect(source.warnings()).toEqual([
      'Graph refused audit records before 2026-03-10T06:00:00.000Z: window start narrowed to 2026-03-10T06:01:00Z',
    ]);
    expect(source.stats().requests).toBe(ACTIVITIES + 1);
  });

  it('clamps a window longer than the configured retention before asking', async () => {
    // Prepare
    const { source } = h.source({ env: { AUDIT_RETENTION_DAYS: '1' }, now: NOW });

    // Act
    const records = (
      await readPages(source.auditPages({ from: new Date(NOW.getTime() - 48 * HOUR), to: NOW }))
    ).flat();

    // Assess
    const filters = h.sim.received().map((r) => r.query.$filter);
    expect(filters).toEqual(
      SELECTED_AUDIT_ACTIVITIES.map(
        (activity) =>
          `activityDisplayName eq '${activity}' and activityDateTime ge 2026-03-09T12:05:00Z and activityDateTime le 2026-03-10T12:00:00Z`,
      ),
    );
    // 11:50 today back to 12:50 yesterday; 11:50 yesterday is before the clamped start.
    expect(records).toHaveLength(24);
    expect((records.at(-1) as { activityDateTime: string }).activityDateTime).toBe(
      '2026-03-09T12:50:00.000+00:00',
    );
    expect(source.warnings()).toEqual(['audit window start moved to 2026-03-09T12:05:00Z (1-day retention)']);
  });
});
