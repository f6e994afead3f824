import { runDetectionCycle } from '../../../src/cycle';
import { alertFindings } from '../../../src/cycle-alerts';
import { emptySummary } from '../../../src/cycle-summary';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { Finding } from '../../../src/rules/finding';
import { buildSampleTenant, SAMPLE_TENANT_ID } from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { applyDeliveryUpdate } from '../../../src/store/delivery-merge';
import { createMemoryTables } from '../../../src/store/memory-tables';
import type { StoredFinding } from '../../../src/store/store';
import { chainFinding, fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const HOUR = 3_600_000;

describe('alert generations: a delivery counts only for the alert it was made for', () => {
  it('does not deliver the previous alert when its run claims the finding after an escalation', async () => {
    // Prepare: the chain TAP alerted as high to a, b failing; a copy of the row as an older run read it
    const a = fakeChannel('webhook:a');
    const b = fakeChannel('webhook:b');
    const tables = createMemoryTables();
    const tenant = shiftAuditTimes(buildSampleTenant(), new Date(NOW.getTime() + HOUR), 5);
    const deps = () => ({
      ...memoryDeps(tenant, [a, b], tables),
      source: createSnapshotTenantSource(tenant),
    });
    b.failing = true;
    await runDetectionCycle(deps(), NOW);
    const first = chainFinding(a.taken)[0];
    const seen = first && (await deps().store.getFinding(SAMPLE_TENANT_ID, first.id));
    if (!seen) throw new Error('the chain TAP was not alerted');
    // The escalation is stored, and its delivery to b fails (so it stays owed)
    await runDetectionCycle(deps(), new Date(NOW.getTime() + HOUR));
    b.failing = false;
    const sentToB = b.taken.length;

    // Act: the older run, holding the row as it was before the escalation, finally gets to it
    const summary = emptySummary(SAMPLE_TENANT_ID, 'older', NOW);
    await alertFindings(deps(), [seen], 'older', () => new Date(NOW.getTime() + HOUR + 60_000), summary);
    const after = await deps().store.getFinding(SAMPLE_TENANT_ID, seen.finding.id);

    // Assess: nothing of the first alert went to b; the escalation is still owed to b
    expect(chainFinding(b.taken.slice(sentToB)).map((f) => f.severity)).not.toContain('high');
    expect(after).toMatchObject({ alertStatus: 'pending', finding: { severity: 'critical' } });
    expect(after?.deliveries['webhook:b']?.status).not.toBe('delivered');
  });

  it('counts a delivery record written before generations existed as the generation of its row', () => {
    // Prepare: a row as older versions wrote it, without `generation`
    const stored: StoredFinding = {
      finding: { id: 'f1', escalation: { from: 'high', to: 'critical', at: NOW.toISOString() } } as Finding,
      alertStatus: 'pending',
      deliveries: {
        teams: { status: 'delivered', attempts: 1, lastAttemptAt: NOW.toISOString() },
      },
    };
    const ref = { tenantId: 't', findingId: 'f1', activityDateTime: NOW.toISOString() };
    const failed = { status: 'failed' as const, attempts: 1, lastAttemptAt: NOW.toISOString() };

    // Act
    const current = applyDeliveryUpdate(stored, {
      ...ref,
      generation: 'escalation-critical',
      alertStatus: 'pending',
      deliveries: { teams: failed, webhook: failed },
    });
    const previous = applyDeliveryUpdate(stored, {
      ...ref,
      generation: 'first',
      alertStatus: 'alerted',
      deliveries: { webhook: { ...failed, status: 'delivered' } },
    });

    // Assess
    expect(current?.deliveries.teams).toEqual(stored.deliveries.teams);
    expect(current?.deliveries.webhook).toEqual({ ...failed, generation: 'escalation-critical' });
    expect(previous).toBeUndefined();
  });
});
