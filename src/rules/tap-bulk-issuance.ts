import type { ChainRule, TapIssuance } from './chain-types';

/** Target ids listed in the evidence (the count is always whole): a flood must not bloat every finding. */
const MAX_EVIDENCE_TARGETS = 20;

/** Many accounts handed a TAP by one initiator in a short time: a compromised issuer or a mass takeover. */
export const tapBulkIssuance = {
  kind: 'chain',
  id: 'tap-bulk-issuance',
  title: 'TAPs issued in bulk by one initiator',
  severity: 'high',
  attack: ['T1098'],
  description:
    'One initiator issued TAPs to at least BULK_TAP_THRESHOLD (5) distinct accounts within BULK_TAP_WINDOW_MINUTES (60); every TAP of the burst carries the rule. Apps in ALLOWED_TAP_APP_IDS (Lifecycle Workflows, onboarding tools) are never bulk.',
  triage: [
    'Ask the initiator (or the owner of the app) why these accounts got TAPs; check for an onboarding batch or a ticket.',
    "If there is none, treat the initiator's account or credential as compromised and delete the TAPs.",
  ],
  falsePositives: ['A help-desk onboarding day run by hand rather than by an allow-listed tool.'],
  needsDirectory: false,
  evaluate(subject, ctx) {
    const { tap } = subject;
    if (tap.initiatorType === 'unknown') return undefined;
    const allowed = ctx.config.allowedTapAppIds.map((id) => id.toLowerCase());
    if (tap.initiatorType === 'app' && allowed.includes((tap.initiatorAppId ?? '').toLowerCase()))
      return undefined;
    const windowMs = ctx.config.bulkTapWindowMinutes * 60_000;
    const burst = largestBurst(subject.peers, tap.initiatorKey, Date.parse(tap.activityDateTime), windowMs);
    if (burst.count < ctx.config.bulkTapThreshold) return undefined;
    return {
      reason: `${tap.initiatorName} issued TAPs to ${burst.count} distinct accounts within ${ctx.config.bulkTapWindowMinutes} minutes.`,
      evidence: {
        distinctTargets: burst.count,
        targets: burst.sample,
        windowMinutes: ctx.config.bulkTapWindowMinutes,
      },
      records: [
        {
          time: tap.activityDateTime,
          kind: 'bulk-issuance',
          summary: `${tap.initiatorName} issued TAPs to ${burst.count} distinct accounts within ${ctx.config.bulkTapWindowMinutes} minutes`,
        },
      ],
    };
  },
} satisfies ChainRule;

/**
 * The distinct targets of the busiest window of `windowMs` that contains time `at`, among the issuances
 * of `initiatorKey`. Windows start at each issuance no more than `windowMs` before `at`; a sliding window
 * over the issuances in time order keeps this linear in their number (a flood of thousands stays cheap).
 */
function largestBurst(
  peers: readonly TapIssuance[],
  initiatorKey: string,
  at: number,
  windowMs: number,
): { count: number; sample: string[] } {
  // `correlate` hands peers over in time order; anything else is sorted here first.
  const sorted = peers.every((p, i) => i === 0 || (peers[i - 1]?.timeMs ?? 0) <= p.timeMs)
    ? peers
    : [...peers].sort((a, b) => a.timeMs - b.timeMs);
  const near = sorted
    .slice(firstAtOrAfter(sorted, at - windowMs), firstAtOrAfter(sorted, at + windowMs + 1))
    .filter((p) => p.initiatorKey === initiatorKey)
    .map((p) => ({ target: p.targetId.toLowerCase(), ms: p.timeMs }));
  const counts = new Map<string, number>();
  let best = { count: 0, from: at };
  let end = 0;
  for (let start = 0; start < near.length && (near[start]?.ms ?? Infinity) <= at; start += 1) {
    const from = near[start]?.ms ?? 0;
    for (; end < near.length && (near[end]?.ms ?? Infinity) <= from + windowMs; end += 1) {
      const target = near[end]?.target ?? '';
      counts.set(target, (counts.get(target) ?? 0) + 1);
    }
    if (counts.size > best.count) best = { count: counts.size, from };
    const leaving = near[start]?.target ?? '';
    const left = (counts.get(leaving) ?? 1) - 1;
    if (left === 0) counts.delete(leaving);
    else counts.set(leaving, left);
  }
  const inside = near.filter((p) => p.ms >= best.from && p.ms <= best.from + windowMs).map((p) => p.target);
  return { count: best.count, sample: [...new Set(inside)].sort().slice(0, MAX_EVIDENCE_TARGETS) };
}

/** Index of the first issuance at or after `ms` in a list sorted by time (binary search). */
function firstAtOrAfter(sorted: readonly TapIssuance[], ms: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.timeMs ?? Infinity) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
