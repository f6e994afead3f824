import { lifetimeMinutes } from './describe';
import type { Rule } from './types';

/** A long-lived TAP gives a longer window for reuse by whoever obtains it. */
export const tapLongLifetime = {
  id: 'tap-long-lifetime',
  title: 'TAP with a long lifetime',
  severity: 'low',
  attack: ['T1078.004'],
  description:
    'The TAP is valid for longer than MAX_TAP_LIFETIME_MINUTES (default 480, one working day). Recovery and onboarding rarely need more; a multi-day pass is a persistence aid.',
  triage: [
    'Ask the initiator why the long lifetime was needed.',
    "Check the Temporary Access Pass policy's maximum lifetime and lower it if it allows more than needed.",
  ],
  falsePositives: ['Onboarding of staff who start days after the TAP is created.'],
  needsDirectory: false,
  evaluate(event, ctx) {
    const minutes = lifetimeMinutes(event.tap);
    const limit = ctx.config.maxTapLifetimeMinutes;
    if (minutes === undefined || minutes <= limit) return undefined;
    return {
      reason: `TAP valid for ${minutes} minutes (${(minutes / 60).toFixed(1)} h), above the ${limit}-minute limit.`,
      evidence: { lifetimeMinutes: minutes, maxTapLifetimeMinutes: limit },
    };
  },
} satisfies Rule;
