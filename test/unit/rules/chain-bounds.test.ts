import { TEXT_LIMITS } from '../../../src/audit/bound-text';
import type { ChainEvent } from '../../../src/audit/chain-event';
import { normalize } from '../../../src/audit/normalize';
import { normalizeRecord } from '../../../src/audit/normalize-record';
import { DEFAULT_RULES_CONFIG, NOW } from '../../../src/rules/builders';
import { chainFindings } from '../../../src/rules/chain-findings';
import { MAX_EVIDENCE_RECORDS, MAX_EVIDENCE_TEXT_CHARS } from '../../../src/rules/chain-link';
import { classify } from '../../../src/rules/classify';
import type { Finding } from '../../../src/rules/finding';
import { entryOf, MAX_QUOTED_CHARS, MAX_TIMELINE_ENTRIES } from '../../../src/rules/timeline';
import { MAX_ENTITY_BYTES } from '../../../src/store/entity-limits';
import { asciiJson, findingProperties } from '../../../src/store/finding-entity';
import {
  CUT_MARKER,
  chainFixture,
  type PoisonedKind,
  poisonedAudit,
  poisonedSignIn,
  strings,
} from '../audit/poisoned-chain';

/** The cut marker anywhere in a text that quotes cut values. */
const CUT_INSIDE = /…\[cut [\d,]+ chars, sha256:[0-9a-f]{8}\]/;

/** Poisoned chain records of each kind: more than the evidence and the timeline list. */
const COUNTS: Record<PoisonedKind | 'signedIn', number> = {
  signedIn: 60,
  registered: 60,
  deleted: 30,
  activated: 30,
};

/** Grace's TAP finding after a flood of chain records whose every text field is 100,000 characters. */
function poisonedFinding(): Finding {
  const tap = chainFixture('audits.graph.json')[4];
  const { findings } = classify(normalize(tap), {
    tenantId: 'offline',
    now: NOW,
    config: DEFAULT_RULES_CONFIG,
  });
  const records = [
    ...Array.from({ length: COUNTS.signedIn }, (_, n) => poisonedSignIn(n)),
    ...(['registered', 'deleted', 'activated'] as const).flatMap((kind) =>
      Array.from({ length: COUNTS[kind] }, (_, n) => poisonedAudit(kind, n)),
    ),
  ];
  const events: ChainEvent[] = records.flatMap((record) => normalizeRecord(record).chain);
  const chained = chainFindings(findings, events, DEFAULT_RULES_CONFIG, NOW);
  expect(chained.errors).toEqual([]);
  const [finding] = chained.findings;
  if (!finding) throw new Error('no finding');
  return finding;
}

describe('a finding built from chain records with 100,000-character fields', () => {
  const finding = poisonedFinding();
  const hit = (id: string) => finding.rules.find((r) => r.id === id);

  it('carries every chain rule, with reasons no longer than a result reason and cut visibly', () => {
    // Assess
    expect(finding.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'tap-signin',
        'tap-method-registered',
        'tap-victim-methods-removed',
        'tap-role-activated',
      ]),
    );
    const long = finding.rules.filter((r) => r.reason.length > TEXT_LIMITS.reason);
    expect(long.map((r) => r.id)).toEqual([]);
    for (const id of ['tap-method-registered', 'tap-victim-methods-removed', 'tap-role-activated'])
      expect(hit(id)?.reason).toMatch(CUT_MARKER);
  });

  it('keeps timeline summaries within their limit, each cut with the marker', () => {
    // Assess
    const timeline = finding.timeline ?? [];
    expect(timeline).toHaveLength(MAX_TIMELINE_ENTRIES);
    expect(timeline.filter((e) => e.summary.length > TEXT_LIMITS.text)).toEqual([]);
    const chained = timeline.filter((e) => e.kind !== 'tap-issued');
    expect(chained.length).toBeGreaterThan(0);
    for (const entry of chained) expect(entry.summary).toMatch(CUT_INSIDE);
    for (const entry of timeline)
      expect((entry.auditId ?? entry.signInId ?? '').length).toBeLessThanOrEqual(256);
  });

  it('lists at most MAX_EVIDENCE_RECORDS records per rule, each string cut to MAX_EVIDENCE_TEXT_CHARS, and counts the rest', () => {
    // Assess
    const listed = (id: string, name: string) => (hit(id)?.evidence[name] as unknown[] | undefined)?.length;
    expect(listed('tap-signin', 'signIns')).toBe(MAX_EVIDENCE_RECORDS);
    expect(hit('tap-signin')?.evidence.more).toBe(COUNTS.signedIn - MAX_EVIDENCE_RECORDS);
    expect(listed('tap-method-registered', 'methods')).toBe(MAX_EVIDENCE_RECORDS);
    expect(hit('tap-method-registered')?.evidence.more).toBe(COUNTS.registered - MAX_EVIDENCE_RECORDS);
    expect(listed('tap-victim-methods-removed', 'deleted')).toBe(MAX_EVIDENCE_RECORDS);
    expect(hit('tap-victim-methods-removed')?.evidence.more).toBe(COUNTS.deleted - MAX_EVIDENCE_RECORDS);
    expect(listed('tap-role-activated', 'activations')).toBe(MAX_EVIDENCE_RECORDS);
    expect(hit('tap-role-activated')?.evidence.more).toBe(COUNTS.activated - MAX_EVIDENCE_RECORDS);
    const long = finding.rules
      .flatMap((r) => strings(r.evidence))
      .filter(([, t]) => t.length > MAX_EVIDENCE_TEXT_CHARS);
    expect(long).toEqual([]);
  });

  it('fits one findings row with room to spare: the stored and the alerted JSON stay small', () => {
    // Act
    const properties = findingProperties({ finding, alertStatus: 'pending', deliveries: {} });

    // Assess
    const bytes = Object.entries(properties).reduce(
      (n, [k, v]) => n + 8 + 2 * k.length + (typeof v === 'string' ? 4 + 2 * v.length : 8),
      0,
    );
    expect(bytes).toBeLessThan(MAX_ENTITY_BYTES / 2);
    // Half of the 14 parts of 32,000 characters a findings row holds (store/finding-entity.ts).
    expect(asciiJson(finding).length).toBeLessThan(224_000);
  });
});

describe('timeline summaries of chain records with 100,000-character fields', () => {
  it.each([
    [
      'a method registration',
      poisonedAudit('registered'),
      /^mallory\.m+…\[cut .*\] registered Passkey k+…\[cut [^\]]*\]$/,
    ],
    [
      'a method deletion',
      poisonedAudit('deleted'),
      /^mallory\.m+…\[cut .*\] deleted Authenticator ü+…\[cut [^\]]*\]$/,
    ],
    [
      'a PIM role activation',
      poisonedAudit('activated'),
      /^Global Administrator 0 ü+…\[cut [^\]]*\] activated through PIM \(completed\)$/,
    ],
    [
      'a TAP sign-in',
      poisonedSignIn(),
      /^Signed in with the TAP to My Signins a+…\[cut .*\] from 198\.51\.100\.7 7+…\[cut [^\]]*\]$/,
    ],
  ])(
    'quote at most MAX_QUOTED_CHARS of each name of %s, so the summary still says what happened',
    (_name, record, shape) => {
      // Prepare
      const [event] = normalizeRecord(record).chain;
      if (!event) throw new Error('no event');

      // Act
      const { summary } = entryOf(event);

      // Assess
      expect(summary).toMatch(shape);
      expect(summary.length).toBeLessThanOrEqual(2 * MAX_QUOTED_CHARS + 60);
    },
  );
});
