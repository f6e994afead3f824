import type { ChainEvent } from '../../../src/audit/chain-event';
import { normalizeRecord } from '../../../src/audit/normalize-record';
import { DEFAULT_RULES_CONFIG, NOW } from '../../../src/rules/builders';
import { issuanceOf, tapRefOf } from '../../../src/rules/chain-tap-ref';
import type { TapRef } from '../../../src/rules/chain-types';
import { classify } from '../../../src/rules/classify';
import { correlate } from '../../../src/rules/correlate';
import { chainFixture } from '../audit/poisoned-chain';

/** The TAPs of the chain fixture as chain rules see them, and every chain event beside them. */
function fixture(): { taps: TapRef[]; events: ChainEvent[] } {
  const records = [...chainFixture('audits.graph.json'), ...chainFixture('signins.graph.json')].map(
    normalizeRecord,
  );
  const { findings } = classify(
    records.flatMap((r) => r.taps),
    { tenantId: 'offline', now: NOW, config: DEFAULT_RULES_CONFIG },
  );
  return { taps: findings.map(tapRefOf), events: records.flatMap((r) => r.chain) };
}

/** Freezes a TAP reference and the lists in it, so any write to them throws. */
function frozen(tap: TapRef): TapRef {
  Object.freeze(tap.rules);
  Object.freeze(tap.timelineKeys);
  return Object.freeze(tap);
}

describe('correlate()', () => {
  it('adds rules and timeline entries without writing to the TAP references it is given', () => {
    // Prepare
    const { taps, events } = fixture();
    const before = JSON.stringify(taps);

    // Act
    const { updates, errors } = correlate({
      taps: taps.map(frozen),
      events,
      peers: taps.map(issuanceOf),
      config: DEFAULT_RULES_CONFIG,
    });

    // Assess
    expect(errors).toEqual([]);
    expect(updates.some((u) => u.hits.length > 0 && u.entries.length > 0)).toBe(true);
    expect(JSON.stringify(taps)).toBe(before);
  });

  it('lets a later rule see the rules an earlier one added in the same pass', () => {
    // Prepare: the TAP that gets a linked registration, as if it were already rated high.
    const { taps, events } = fixture();
    const first = correlate({ taps, events, peers: [], config: DEFAULT_RULES_CONFIG });
    const linked = first.updates.find((u) => u.hits.some((h) => h.id === 'tap-method-registered'));
    const tap = taps.find((t) => t.findingId === linked?.findingId);
    if (!tap) throw new Error('the fixture has no TAP with a linked registration');
    const serious: TapRef = {
      ...tap,
      rules: [...tap.rules, { id: 'tap-privileged-target', severity: 'high' }],
    };

    // Act
    const { updates } = correlate({ taps: [serious], events, peers: [], config: DEFAULT_RULES_CONFIG });

    // Assess
    const ids = updates.flatMap((u) => u.hits.map((h) => h.id));
    expect(ids).toContain('tap-method-registered');
    expect(ids).toContain('tap-persistence');
  });
});
