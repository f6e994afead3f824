import { SELECTED_AUDIT_ACTIVITIES } from '../../../src/audit/audit-activities';
import { runDetectionCycle } from '../../../src/cycle';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { TenantSource } from '../../../src/graph/tenant-source';
import { atLeast, type Severity } from '../../../src/severity';
import { SAMPLE_TENANT_EXPECTATIONS } from '../../../src/sim/sample-tenant';
import { createMemoryStore } from '../../../src/store/memory-store';
import { fakeChannel, memoryDeps, NOW, sampleTenant } from './cycle-fixture';

const HOUR = 3_600_000;
const alertable = SAMPLE_TENANT_EXPECTATIONS.filter((e) => atLeast(e.severity as Severity, 'medium'));

describe('runDetectionCycle over in-memory twins', () => {
  it('finds every expected TAP of the sample tenant once, with the expected rules and severity', async () => {
    // Prepare
    const deps = memoryDeps(sampleTenant(), [fakeChannel('webhook:a')]);
    // Act
    const summary = await runDetectionCycle(deps, NOW);
    // Assess
    expect(summary.status).toBe('ok');
    expect(summary.findings.new).toBe(SAMPLE_TENANT_EXPECTATIONS.length);
    const page = await deps.store.queryFindings({
      tenantId: deps.config.tenantId,
      since: new Date(NOW.getTime() - 48 * HOUR),
      until: NOW,
      limit: 1000,
    });
    const found = page.items.map((s) => ({
      tapId: s.finding.tap.id,
      rules: s.finding.rules.map((r) => r.id).sort(),
      severity: s.finding.severity,
    }));
    const expected = SAMPLE_TENANT_EXPECTATIONS.map((e) => ({
      tapId: e.tapId,
      rules: [...e.rules].sort(),
      severity: e.severity,
    }));
    expect(found.sort(byTap)).toEqual(expected.sort(byTap));
  });

  it('alerts each alertable finding once and suppresses a repeat to the same target and rule set', async () => {
    const channel = fakeChannel('webhook:a');
    const deps = memoryDeps(sampleTenant(), [channel]);
    const summary = await runDetectionCycle(deps, NOW);
    expect(summary.alerts.suppressed).toBe(1);
    expect(channel.taken).toHaveLength(alertable.length - 1);
    expect(new Set(channel.taken.map((f) => f.id)).size).toBe(channel.taken.length);
  });

  it('stores and alerts nothing new when the next cycle re-reads the overlapping window', async () => {
    const channel = fakeChannel('webhook:a');
    const deps = memoryDeps(sampleTenant(), [channel]);
    await runDetectionCycle(deps, NOW);
    const sent = channel.taken.length;
    const second = await runDetectionCycle(
      { ...deps, source: createSnapshotTenantSource(sampleTenant()) },
      new Date(NOW.getTime() + HOUR),
    );
    expect(second.findings).toMatchObject({ new: 0, unchanged: second.findings.total });
    expect(second.alerts.sent).toBe(0);
    expect(channel.taken).toHaveLength(sent);
  });

  it('reads role data only when there are TAP events, and sign-ins at most once per alertable target', async () => {
    const quiet = sampleTenant();
    quiet.directoryAudits = [];
    const none = await runDetectionCycle(memoryDeps(quiet, []), NOW);
    // One (empty) first page per selected activity.
    expect(none.graph.requests).toBe(SELECTED_AUDIT_ACTIVITIES.length);
    expect(none.directory.loaded).toBe(false);
    const busy = await runDetectionCycle(memoryDeps(sampleTenant(), []), NOW);
    // Audit selections + role data + at most one sign-in request per target of an open alertable TAP.
    const alertableTargets = new Set(alertable.map((e) => e.targetUpn)).size;
    expect(busy.chain.signIns.requested).toBeGreaterThan(0);
    expect(busy.chain.signIns.requested).toBeLessThanOrEqual(alertableTargets);
    expect(busy.graph.requests).toBe(SELECTED_AUDIT_ACTIVITIES.length + 3 + busy.chain.signIns.requested);
  });

  it('retries a failed channel next cycle without resending to the channel that took it', async () => {
    const a = fakeChannel('webhook:a');
    const b = fakeChannel('webhook:b');
    b.failing = true;
    const deps = memoryDeps(sampleTenant(), [a, b]);
    const first = await runDetectionCycle(deps, NOW);
    expect(first.alerts.pending).toBe(alertable.length - 1);
    expect(b.taken).toHaveLength(0);
    b.failing = false;
    const second = await runDetectionCycle(
      { ...deps, source: createSnapshotTenantSource(sampleTenant()) },
      new Date(NOW.getTime() + HOUR),
    );
    expect(second.alerts.pending).toBe(0);
    expect(a.taken).toHaveLength(alertable.length - 1);
    expect(b.taken).toHaveLength(alertable.length - 1);
  });

  it('alerts once when two cycles run at the same time over one store', async () => {
    const channel = fakeChannel('webhook:a');
    const one = memoryDeps(sampleTenant(), [channel]);
    const two = {
      ...one,
      source: createSnapshotTenantSource(sampleTenant()),
      store: createMemoryStore(one.tables),
    };
    await Promise.all([
      runDetectionCycle({ ...one, runId: 'run-1' }, NOW),
      runDetectionCycle({ ...two, runId: 'run-2' }, NOW),
    ]);
    expect(channel.taken).toHaveLength(alertable.length - 1);
    expect(new Set(channel.taken.map((f) => f.id)).size).toBe(channel.taken.length);
  });

  it('fails without storing or moving the checkpoint when role data cannot be read', async () => {
    const deps = memoryDeps(sampleTenant(), [fakeChannel('webhook:a')]);
    const broken: TenantSource = {
      ...deps.source,
      auditPages: (w) => deps.source.auditPages(w),
      loadDirectory: async () => {
        throw new Error('GET /roleManagement/directory/roleAssignments failed with 503 after 3 retries');
      },
    };
    const summary = await runDetectionCycle({ ...deps, source: broken }, NOW);
    expect(summary.status).toBe('failed');
    expect(summary.errors[0]).toContain('roleAssignments failed with 503');
    expect(summary.findings.total).toBe(0);
    expect(await deps.store.getCheckpoint(deps.config.tenantId)).toBeUndefined();
  });

  it('records the checkpoint of a successful cycle', async () => {
    const deps = memoryDeps(sampleTenant(), []);
    await runDetectionCycle(deps, NOW);
    expect(await deps.store.getCheckpoint(deps.config.tenantId)).toMatchObject({
      lastSuccessAt: NOW.toISOString(),
      windowEnd: NOW.toISOString(),
      status: 'ok',
    });
  });
});

function byTap(a: { tapId?: string | undefined }, b: { tapId?: string | undefined }): number {
  return String(a.tapId).localeCompare(String(b.tapId));
}
