import type { ChainRule, TapIssuance } from './chain-types';

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
    if (burst.length < ctx.config.bulkTapThreshold) return undefined;
    return {
      reason: `${tap.initiatorName} issued TAPs to ${burst.length} distinct accounts within ${ctx.config.bulkTapWindowMinutes} minutes.`,
      evidence: { targets: burst, windowMinutes: ctx.config.bulkTapWindowMinutes },
      records: [
        {
          time: tap.activityDateTime,
          kind: 'bulk-issuance',
          summary: `${tap.initiatorName} issued TAPs to ${burst.length} distinct accounts within ${ctx.config.bulkTapWindowMinutes} minutes`,
        },
      ],
    };
  },
} satisfies ChainRule;

/**
 * The distinct targets of the busiest window of `windowMs` that contains time `at`, among the issuances
 * of `initiatorKey`. Windows start at each issuance no more than `windowMs` before `at`.
 */
function largestBurst(
  peers: readonly TapIssuance[],
  initiatorKey: string,
  at: number,
  windowMs: number,
): string[] {
  const near = peers
    .filter((p) => p.initiatorKey === initiatorKey)
    .map((p) => ({ target: p.targetId.toLowerCase(), ms: Date.parse(p.time) }))
    .filter((p) => !Number.isNaN(p.ms) && Math.abs(p.ms - at) <= windowMs);
  let best: string[] = [];
  for (const start of near.map((p) => p.ms).filter((ms) => ms <= at)) {
    const inside = new Set(
      near.filter((p) => p.ms >= start && p.ms <= start + windowMs).map((p) => p.target),
    );
    if (inside.size > best.length) best = [...inside].sort();
  }
  return best;
}
