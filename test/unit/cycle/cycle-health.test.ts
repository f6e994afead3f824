import { nextHealth } from '../../../src/cycle-health';
import { emptySummary } from '../../../src/cycle-summary';

const TENANT = '11111111-2222-4333-8444-555555555555';
const NOW = new Date('2026-11-20T06:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

describe('the health row after a cycle', () => {
  it('keeps showing a quarantine for 24 hours after the cycle that hit it, since later windows may not re-read it', () => {
    // Prepare: a cycle that quarantined one finding
    const hit = emptySummary(TENANT, 'run-1', NOW);
    hit.findings.quarantined = 1;
    hit.quarantine.push({ findingId: 'f1', auditIds: ['a1'], reason: 'PropertyValueTooLarge' });
    const first = nextHealth(undefined, hit, NOW);

    // Act: quiet cycles 5 minutes and 25 hours later
    const soon = nextHealth(first, emptySummary(TENANT, 'run-2', at(1 / 12)), at(1 / 12));
    const later = nextHealth(soon, emptySummary(TENANT, 'run-3', at(25)), at(25));

    // Assess
    expect(soon.quarantine).toEqual({ count: 1, auditIds: ['a1'], lastAt: NOW.toISOString() });
    expect(later.quarantine).toEqual({ count: 0, auditIds: [] });
  });
});
