import { runDetectionCycle } from '../../../src/cycle';
import type { CycleSummary } from '../../../src/cycle-summary';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { createMemoryStore } from '../../../src/store/memory-store';
import { scenarioTenant, syncAccountTap } from '../../support/alert-scenarios';
import { type FakeChannel, fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const MINUTE = 60_000;
const tenant = () => scenarioTenant([syncAccountTap(NOW.getTime() - 30 * MINUTE)]);

/** A second run over the same tables at `at`, with its own receiver for the same channel id. */
async function secondRun(
  deps: ReturnType<typeof memoryDeps>,
  at: Date,
): Promise<{ summary: CycleSummary; channel: FakeChannel }> {
  const channel = fakeChannel('webhook:a');
  const summary = await runDetectionCycle(
    {
      ...deps,
      source: createSnapshotTenantSource(tenant()),
      store: createMemoryStore(deps.tables),
      channels: [channel],
      runId: 'run-b',
    },
    at,
  );
  return { summary, channel };
}

describe('alert leases count from the claim and outlast a slow run', () => {
  it('keeps a run that claims 15 minutes after its start from being overtaken while it delivers', async () => {
    // Prepare: run A started at NOW but reaches alerting only at NOW + 15 min; its delivery is in flight
    // when run B starts at NOW + 20 min
    const channel = fakeChannel('webhook:a');
    const deps = memoryDeps(tenant(), [channel]);
    let second: Promise<{ summary: CycleSummary; channel: FakeChannel }> | undefined;
    channel.gate = async () => {
      second ??= secondRun(deps, new Date(NOW.getTime() + 20 * MINUTE));
      await second;
    };

    // Act
    const first = await runDetectionCycle(
      { ...deps, runId: 'run-a', clock: () => new Date(NOW.getTime() + 15 * MINUTE) },
      NOW,
    );
    const other = await second;

    // Assess: B saw the finding busy and sent nothing; A delivered once
    expect(other?.summary.alerts).toMatchObject({ busy: 1, sent: 0 });
    expect(other?.channel.taken).toHaveLength(0);
    expect(channel.taken).toHaveLength(1);
    expect(first.alerts.sent).toBe(1);
  });

  it('renews the lease before an attempt that could outlast it, so a run starting meanwhile stays away', async () => {
    // Prepare: the first attempt takes 9.5 minutes and fails; the second would start 30 s before the
    // 10-minute lease ends, so the run renews it; run B starts during that second attempt, at NOW + 12 min
    let clock = NOW.getTime();
    const channel = fakeChannel('webhook:a');
    const deps = memoryDeps(tenant(), [channel], undefined, { ALERT_MAX_ATTEMPTS: '2' });
    let attempts = 0;
    let second: { summary: CycleSummary; channel: FakeChannel } | undefined;
    channel.gate = async () => {
      attempts += 1;
      if (attempts === 1) {
        clock += 9.5 * MINUTE;
        channel.failing = true;
        return;
      }
      channel.failing = false;
      clock = NOW.getTime() + 12 * MINUTE;
      second = await secondRun(deps, new Date(clock));
    };

    // Act
    const first = await runDetectionCycle({ ...deps, runId: 'run-a', clock: () => new Date(clock) }, NOW);

    // Assess
    expect(second?.summary.alerts).toMatchObject({ busy: 1, sent: 0 });
    expect(second?.channel.taken).toHaveLength(0);
    expect(channel.taken).toHaveLength(1);
    expect(first.alerts.byChannel['webhook:a']).toMatchObject({ sent: 1, failed: 0 });
  });
});
