import { deliverFinding } from '../../../src/alerts/dispatcher';
import { runDetectionCycle } from '../../../src/cycle';
import { alertFindings } from '../../../src/cycle-alerts';
import { emptySummary } from '../../../src/cycle-summary';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { Finding } from '../../../src/rules/finding';
import { buildSampleTenant, SAMPLE_TAP_IDS, SAMPLE_TENANT_ID } from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import type { FindingStore } from '../../../src/store/store';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { type FakeChannel, fakeChannel, memoryDeps, NOW } from '../../unit/cycle/cycle-fixture';

const azurite = useAzurite();
const HOUR = 3_600_000;

const chainFinding = (taken: Finding[]) => taken.filter((f) => f.tap.id === SAMPLE_TAP_IDS.chainTier0);

/**
 * An escalation and a stale delivery write, interleaved on the Table store (docs/alerts.md, "Delivery state"):
 * the sample chain TAP is alerted as high to one channel of two; an earlier run's alert step is still
 * delivering that first alert to the other when the next cycle escalates the finding to critical (which
 * resets the channel records); that run's delivery record lands after the reset. It must not count for
 * the escalation: the cycle's alert pass still sends the escalation to both channels, once each.
 */
describe('an escalation and a delivery of the previous alert recorded after it, on Azurite', () => {
  it('delivers the escalation to the channel the stale write named, exactly once', async () => {
    // Prepare: cycle 1 alerts the chain TAP as high; channel b fails, so its first alert stays owed
    const store = await createTableStore({
      connectionString: azurite().connectionString,
      tablePrefix: 'stale',
    });
    const tenant = shiftAuditTimes(buildSampleTenant(), new Date(NOW.getTime() + HOUR), 5);
    const a = fakeChannel('webhook:a');
    const b = fakeChannel('webhook:b');
    const deps = (withStore: FindingStore) => ({
      ...memoryDeps(tenant, [a, b]),
      store: withStore,
      source: createSnapshotTenantSource(tenant),
    });
    b.failing = true;
    await runDetectionCycle(deps(store), NOW);
    b.failing = false;
    const first = chainFinding(a.taken)[0];
    const owed = first && (await store.getFinding(SAMPLE_TENANT_ID, first.id));
    if (!first || !owed) throw new Error('the chain TAP was not alerted in cycle 1');
    expect(owed).toMatchObject({ alertStatus: 'pending', finding: { severity: 'high' } });

    // An earlier run's alert step retries b with the first alert (claimed, row read); its send is held
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inFlight = () => {};
    const entered = new Promise<void>((resolve) => {
      inFlight = resolve;
    });
    const olderRun = alertFindings(
      {
        ...deps(store),
        deliver: async (finding, channels, previous, options) => {
          if (finding.id === first.id) {
            inFlight();
            await held;
          }
          return deliverFinding(finding, channels, previous, options);
        },
      },
      [owed],
      'older-run',
      () => new Date(NOW.getTime() + 10 * 60_000),
      emptySummary(SAMPLE_TENANT_ID, 'older-run', NOW),
    );
    await entered;
    // Cycle 2 escalates the finding; right after the reset, the older run's send and record complete
    const interleaving: FindingStore = {
      ...store,
      saveFinding: async (finding, status, marks) => {
        const result = await store.saveFinding(finding, status, marks);
        if (result.stored.finding.id === first.id && result.stored.finding.escalation) {
          release();
          await olderRun;
        }
        return result;
      },
    };

    // Act
    const second = await runDetectionCycle(deps(interleaving), new Date(NOW.getTime() + HOUR));
    const third = await runDetectionCycle(deps(store), new Date(NOW.getTime() + 2 * HOUR));

    // Assess: b took the first alert from the older run, then the escalation once; a took both once
    const stored = await store.getFinding(SAMPLE_TENANT_ID, first.id);
    expect(second.chain.escalations).toBe(1);
    expect(severities(b)).toEqual(['high', 'critical']);
    expect(severities(a)).toEqual(['high', 'critical']);
    expect(stored).toMatchObject({
      alertStatus: 'alerted',
      finding: { severity: 'critical', escalation: { from: 'high', to: 'critical' } },
      deliveries: {
        'webhook:a': { status: 'delivered', generation: 'escalation-critical' },
        'webhook:b': { status: 'delivered', generation: 'escalation-critical' },
      },
    });
    expect(third.alerts.sent).toBe(0);
  }, 60_000);
});

function severities(channel: FakeChannel): string[] {
  return chainFinding(channel.taken).map((f) => f.severity);
}
