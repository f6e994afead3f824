import { tapEvent } from './builders';
import type { RuleCase } from './types';

export const cases: RuleCase[] = [
  {
    name: 'fires for a three-day TAP',
    fires: true,
    event: tapEvent({
      tap: {
        id: 'tap-3d',
        startDateTime: '2026-11-20T10:00:00Z',
        endDateTime: '2026-11-23T10:00:00Z',
        lifetimeMinutes: 4320,
      },
    }),
    reason: /4320 minutes \(72\.0 h\), above the 480-minute limit/,
  },
  {
    name: 'fires from start and end times when the lifetime was not computed',
    fires: true,
    event: tapEvent({ tap: { startDateTime: '2026-11-20T10:00:00Z', endDateTime: '2026-11-20T20:00:00Z' } }),
    reason: /600 minutes/,
  },
  {
    name: 'stays quiet at exactly the configured limit',
    fires: false,
    event: tapEvent({ tap: { lifetimeMinutes: 120 } }),
    config: { maxTapLifetimeMinutes: 120 },
  },
  {
    name: 'stays quiet when the lifetime is unknown',
    fires: false,
    event: tapEvent({ tap: { id: 'tap-no-times' } }),
  },
];
