import { boundChainEvent } from '../../../src/audit/bound-chain-event';
import { boundEventText, TEXT_LIMITS, textLimit } from '../../../src/audit/bound-text';
import type { ChainEvent } from '../../../src/audit/chain-event';
import { normalize } from '../../../src/audit/normalize';
import { normalizeChain } from '../../../src/audit/normalize-chain';
import { normalizeRecord } from '../../../src/audit/normalize-record';
import { normalizeSignIn } from '../../../src/audit/normalize-signin';
import { AUDIT_SHAPERS, SIGN_IN_SHAPERS } from './audit-shapes';
import {
  CUT_MARKER,
  chainFixture,
  GRACE_ID,
  HUGE,
  huge,
  overLimit,
  type PoisonedKind,
  poisonedAudit,
  poisonedSignIn,
} from './poisoned-chain';

/** The one chain event `record` gives, through the path the cycle and the scan both take. */
function onlyChainEvent(record: unknown): ChainEvent {
  const { taps, chain } = normalizeRecord(record);
  expect(taps).toEqual([]);
  expect(chain).toHaveLength(1);
  return chain[0] as ChainEvent;
}

/** A cut value: at most `limit` long, starting as the original did, ending in the marker. */
function expectCut(value: string | undefined, limit: number, start: string): void {
  expect(value?.length).toBeLessThanOrEqual(limit);
  expect(value?.length).toBeGreaterThan(limit - 60);
  expect(value?.startsWith(start)).toBe(true);
  expect(value).toMatch(CUT_MARKER);
}

describe.each(AUDIT_SHAPERS)('text bounds of chain events from %s records', (_source, shape) => {
  it.each<[string, PoisonedKind, ChainEvent['kind']]>([
    ['method registration', 'registered', 'method-registered'],
    ['method deletion', 'deleted', 'method-deleted'],
    ['PIM role activation', 'activated', 'role-activated'],
  ])(
    'cuts every 100,000-character field of a %s to its limit, with the visible marker',
    (_name, kind, eventKind) => {
      // Act
      const event = onlyChainEvent(shape(poisonedAudit(kind)));

      // Assess
      expect(event.kind).toBe(eventKind);
      expect(overLimit(event)).toEqual([]);
      expectCut(event.recordId, TEXT_LIMITS.id, `poison-${kind}-0-iii`);
      expectCut(event.resultReason, TEXT_LIMITS.reason, kind === 'activated' ? 'Activated rrr' : 'User ');
      expectCut(event.target.userPrincipalName, TEXT_LIMITS.text, 'grace.ggg');
      expectCut(event.target.displayName, TEXT_LIMITS.text, 'Grace üüü');
      expectCut(event.initiator.id, TEXT_LIMITS.id, 'initiator-ddd');
      expectCut(event.initiator.displayName, TEXT_LIMITS.text, 'Mallory üüü');
      expectCut(event.initiator.ipAddress, TEXT_LIMITS.text, '203.0.113.9 999');
      expect(event.target.id).toBe(GRACE_ID);
      if (event.kind === 'method-registered') expectCut(event.method, TEXT_LIMITS.text, 'Passkey kkk');
      if (event.kind === 'method-deleted') expectCut(event.method, TEXT_LIMITS.text, 'Authenticator üüü');
      if (event.kind === 'role-activated') {
        expectCut(event.role.name, TEXT_LIMITS.text, 'Global Administrator 0 üüü');
        expectCut(event.role.templateId, TEXT_LIMITS.id, '62e90394-ttt');
      }
    },
  );

  it('keeps two poisoned records that share their first thousand characters apart', () => {
    // Act
    const [a, b] = [0, 1].map((n) => onlyChainEvent(shape(poisonedAudit('registered', n))));

    // Assess
    expect(a?.recordId).not.toBe(b?.recordId);
    const method = (e: ChainEvent | undefined) => (e?.kind === 'method-registered' ? e.method : undefined);
    expect(method(a)).toMatch(CUT_MARKER);
    expect(method(a)).not.toBe(method(b));
  });
});

describe.each(SIGN_IN_SHAPERS)('text bounds of TAP sign-in events from %s sign-ins', (source, shape) => {
  it('cuts every 100,000-character field to its limit, with the visible marker, on both normalizer paths', () => {
    // Prepare
    const record = shape(poisonedSignIn());

    // Act: the scan's path (normalizeRecord) and the live cycle's sign-in path (normalizeSignIn)
    const event = onlyChainEvent(record);
    const live = normalizeSignIn(record);

    // Assess
    expect(live).toEqual([event]);
    expect(event).toMatchObject({ kind: 'tap-signin', source, succeeded: true });
    expect(overLimit(event)).toEqual([]);
    if (event.kind !== 'tap-signin') throw new Error('not a sign-in');
    expectCut(event.recordId, TEXT_LIMITS.id, 'signin-0-sss');
    expectCut(event.target.userPrincipalName, TEXT_LIMITS.text, 'grace.ggg');
    expectCut(event.target.displayName, TEXT_LIMITS.text, 'Grace üüü');
    expectCut(event.initiator.userPrincipalName, TEXT_LIMITS.text, 'grace.ggg');
    expectCut(event.appDisplayName, TEXT_LIMITS.text, 'My Signins aaa');
    expectCut(event.ipAddress, TEXT_LIMITS.text, '198.51.100.7 777');
    expectCut(event.resultReason, TEXT_LIMITS.reason, 'Temporary Access Pass ppp');
  });

  it('cuts a 100,000-character user id to the id limit in the target and the initiator', () => {
    // Act
    const [event] = normalizeSignIn(shape({ ...poisonedSignIn(), userId: huge('user-', 'u') }));

    // Assess
    expectCut(event?.target.id, TEXT_LIMITS.id, 'user-uuu');
    expect(event?.initiator.id).toBe(event?.target.id);
  });
});

describe('the fast path of boundEventText', () => {
  const [tapRecord] = chainFixture('audits.graph.json').slice(4);
  const [signIn] = chainFixture('signins.graph.json');
  const registration = chainFixture('audits.graph.json')[2];

  it('returns an event with nothing over its limit as the very same object, for every kind', () => {
    // Prepare
    const events: object[] = [
      ...normalize(tapRecord),
      ...normalizeChain(registration),
      ...normalizeChain(poisonedRealistic('deleted')),
      ...normalizeChain(poisonedRealistic('activated')),
      ...normalizeSignIn(signIn),
    ];
    expect(events.map((e) => (e as { kind?: string }).kind ?? 'tap')).toEqual([
      'tap',
      'method-registered',
      'method-deleted',
      'role-activated',
      'tap-signin',
    ]);

    // Act + Assess
    for (const event of events) expect(boundEventText(event)).toBe(event);
  });

  it('keeps strings exactly at their limit in the same object, and copies only when one is a character over', () => {
    // Prepare
    const [event] = normalizeChain(registration);
    if (!event) throw new Error('no event');
    const atLimit = {
      ...event,
      recordId: 'i'.repeat(TEXT_LIMITS.id),
      resultReason: 'r'.repeat(TEXT_LIMITS.reason),
      target: { ...event.target, displayName: 'd'.repeat(TEXT_LIMITS.text) },
    };
    const over = { ...atLimit, target: { ...atLimit.target, displayName: 'd'.repeat(TEXT_LIMITS.text + 1) } };

    // Act
    const same = boundEventText(atLimit);
    const copy = boundEventText(over);

    // Assess
    expect(same).toBe(atLimit);
    expect(copy).not.toBe(over);
    expect(copy.target.displayName).toHaveLength(TEXT_LIMITS.text);
    expect(copy.target.displayName).toMatch(CUT_MARKER);
    expect(over.target.displayName).toHaveLength(TEXT_LIMITS.text + 1);
    expect({ ...copy, target: { ...copy.target, displayName: '' } }).toEqual({
      ...over,
      target: { ...over.target, displayName: '' },
    });
  });

  it('reads a key only for strings longer than the shortest limit, so the limits of long keys still apply', () => {
    // Prepare: 300 characters fit a name but not an id
    const event = {
      recordId: 'x'.repeat(300),
      target: { id: 'y'.repeat(300), displayName: 'z'.repeat(300) },
    };

    // Act
    const bounded = boundEventText(event);

    // Assess
    expect(bounded.recordId).toHaveLength(TEXT_LIMITS.id);
    expect(bounded.target.id).toHaveLength(TEXT_LIMITS.id);
    expect(bounded.target.displayName).toBe(event.target.displayName);
    expect(HUGE).toBeGreaterThan(TEXT_LIMITS.reason);
  });
});

/** A poisoned record of `kind` with its text back to real sizes (so nothing is over a limit). */
function poisonedRealistic(kind: PoisonedKind): unknown {
  const shrink = (value: unknown): unknown => {
    if (typeof value === 'string') return value.length > 200 ? value.slice(0, 40) : value;
    if (Array.isArray(value)) return value.map(shrink);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shrink(v)]));
  };
  return shrink(poisonedAudit(kind));
}

/** Every field filled, so every string a chain event can hold is there to be checked. */
const principal = {
  type: 'user' as const,
  id: 'b1f3',
  userPrincipalName: 'victim@example.com',
  displayName: 'Victim',
  appId: 'a1',
  servicePrincipalId: 's1',
  ipAddress: '203.0.113.9',
};
const base = {
  recordId: 'rec-1',
  recordType: 'audit' as const,
  time: '2026-11-20T10:15:00Z',
  source: 'graph' as const,
  target: { id: 'b1f3', userPrincipalName: 'victim@example.com', displayName: 'Victim' },
  initiator: principal,
  activity: 'User registered security info',
  resultReason: 'User registered Passkey',
};
const FULL_EVENTS: ChainEvent[] = [
  { ...base, kind: 'method-registered', method: 'Passkey', service: 'authentication-methods' },
  { ...base, kind: 'method-deleted', method: 'Passkey', isTap: false },
  {
    ...base,
    kind: 'role-activated',
    role: { name: 'Global Administrator', templateId: '62e9' },
    stage: 'completed',
  },
  {
    ...base,
    recordType: 'sign-in',
    kind: 'tap-signin',
    appDisplayName: 'My Sign-Ins',
    ipAddress: '198.51.100.7',
    succeeded: true,
  },
];

/** The path and key of every string in `value`. */
function stringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
}

/** A copy of `event` with the string at `path` replaced by `text`. */
function withString(event: ChainEvent, path: string[], text: string): ChainEvent {
  const copy = structuredClone(event) as unknown as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1] as string] = text;
  return copy as unknown as ChainEvent;
}

describe.each(FULL_EVENTS.map((e) => [e.kind, e] as const))(
  'boundChainEvent over every string of a %s event',
  (_kind, event) => {
    const paths = stringPaths(event);

    it('returns the event itself while every string is at most its limit', () => {
      expect(boundChainEvent(event)).toBe(event);
      for (const path of paths) {
        const atLimit = withString(event, path, 'x'.repeat(textLimit(path[path.length - 1] as string)));
        expect(boundChainEvent(atLimit)).toBe(atLimit);
      }
    });

    it('cuts any one string a character over its limit, whichever field it is in', () => {
      const missed: string[] = [];
      for (const path of paths) {
        const limit = textLimit(path[path.length - 1] as string);
        const over = withString(event, path, 'x'.repeat(limit + 1));
        const bounded = boundChainEvent(over);
        if (bounded === over || overLimit(bounded).length > 0) missed.push(path.join('.'));
      }
      expect(missed).toEqual([]);
      expect(paths.length).toBeGreaterThan(15);
    });
  },
);
