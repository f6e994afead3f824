import { loadConfig } from '../../../src/config';
import { planWindows } from '../../../src/cycle-window';
import type { Checkpoint } from '../../../src/store/store';

const TENANT = '11111111-2222-4333-8444-555555555555';
const NOW = new Date('2026-11-20T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const t = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const iso = (offsetMs: number) => t(offsetMs).toISOString();
const config = (env: Record<string, string> = {}) => loadConfig({ TENANT_ID: TENANT, ...env });
const checkpoint = (windowEnd: number, tiers?: Record<string, string>): Checkpoint => ({
  tenantId: TENANT,
  lastSuccessAt: iso(windowEnd),
  windowEnd: iso(windowEnd),
  status: 'ok',
  ...(tiers ? { tiers } : {}),
});
const spans = (plan: ReturnType<typeof planWindows>) =>
  plan.reads.map((r) => ({ from: r.from.toISOString(), to: r.to.toISOString(), purposes: r.purposes }));

describe('planWindows', () => {
  it('reads the whole lookback on the first cycle and starts each tier its lateness before now, staggered', () => {
    const plan = planWindows(config(), undefined, NOW);

    expect(spans(plan)).toEqual([{ from: iso(-24 * HOUR), to: iso(0), purposes: ['lookback'] }]);
    // The second of two hourly tiers starts half an hour further back, so it runs on the half hour.
    expect(plan.tierEnds).toEqual({ '2h': iso(-2 * HOUR), '24h': iso(-24 * HOUR - 30 * MIN) });
  });

  it('reads from the last successful window end minus the overlap to now when no tier is due', () => {
    const plan = planWindows(
      config(),
      checkpoint(-5 * MIN, { '2h': iso(-2 * HOUR - 30 * MIN), '24h': iso(-24 * HOUR - 30 * MIN) }),
      NOW,
    );

    expect(spans(plan)).toEqual([{ from: iso(-9 * MIN), to: iso(0), purposes: ['incremental'] }]);
    expect(plan.tierEnds).toEqual({ '2h': iso(-150 * MIN), '24h': iso(-24 * HOUR - 30 * MIN) });
  });

  it('adds each due tier as its own window from where it ended to now minus its lateness', () => {
    const plan = planWindows(
      config(),
      checkpoint(-HOUR, { '2h': iso(-3 * HOUR), '24h': iso(-25 * HOUR) }),
      NOW,
    );

    expect(spans(plan)).toEqual([
      { from: iso(-25 * HOUR), to: iso(-24 * HOUR), purposes: ['reread:24h'] },
      { from: iso(-3 * HOUR), to: iso(-2 * HOUR), purposes: ['reread:2h'] },
      { from: iso(-64 * MIN), to: iso(0), purposes: ['incremental'] },
    ]);
    expect(plan.tierEnds).toEqual({ '2h': iso(-2 * HOUR), '24h': iso(-24 * HOUR) });
  });

  it('re-reads a failed cycle’s window: the window starts at the last successful end, however old', () => {
    const plan = planWindows(
      config(),
      checkpoint(-3 * HOUR, { '2h': iso(-5 * HOUR), '24h': iso(-27 * HOUR) }),
      NOW,
    );

    // The 2h tier's window touches the incremental one: one query covers both, with no gap.
    expect(spans(plan)).toEqual([
      { from: iso(-27 * HOUR), to: iso(-24 * HOUR), purposes: ['reread:24h'] },
      { from: iso(-5 * HOUR), to: iso(0), purposes: ['reread:2h', 'incremental'] },
    ]);
  });

  it('starts a tier added since the last cycle at that cycle’s end less its lateness', () => {
    const plan = planWindows(
      config({ REREAD_TIERS: '2h/1h,6h/1h' }),
      checkpoint(-5 * MIN, { '2h': iso(-2 * HOUR - 5 * MIN) }),
      NOW,
    );

    expect(plan.tierEnds['6h']).toBe(iso(-6 * HOUR - 5 * MIN));
    expect(plan.reads.map((r) => r.purposes)).toEqual([['incremental']]);
  });

  it('honours the overlap setting and runs no re-read when the tiers are empty', () => {
    const plan = planWindows(
      config({ WINDOW_OVERLAP_MINUTES: '0', REREAD_TIERS: 'none' }),
      checkpoint(-HOUR),
      NOW,
    );

    expect(spans(plan)).toEqual([{ from: iso(-HOUR), to: iso(0), purposes: ['incremental'] }]);
    expect(plan.tierEnds).toEqual({});
  });
});

describe('REREAD_TIERS and WINDOW_OVERLAP_MINUTES settings', () => {
  it('default to a 4-minute overlap and tiers for records up to 2 h and 24 h late, each run hourly', () => {
    expect(config()).toMatchObject({
      windowOverlapMinutes: 4,
      rereadTiers: [
        { key: '2h', latenessMs: 2 * HOUR, everyMs: HOUR },
        { key: '24h', latenessMs: 24 * HOUR, everyMs: HOUR },
      ],
    });
  });

  it('reports every malformed tier at once, on one line', () => {
    expect(() => config({ REREAD_TIERS: '2x/1h, 5m/1h, 3h/1m, 1h/1h' })).toThrow(
      /^REREAD_TIERS: "2x\/1h" is not <lateness>\/<every> like 2h\/1h; 5m\/1h: lateness below 10m; 3h\/1m: every must be 5m to 1d; 1h\/1h: lateness must grow from tier to tier$/,
    );
  });

  it('accepts a tier reaching further than LOOKBACK_HOURS, and refuses an overlap above two hours', () => {
    expect(config({ LOOKBACK_HOURS: '12' }).rereadTiers.map((t) => t.key)).toEqual(['2h', '24h']);
    expect(() => config({ WINDOW_OVERLAP_MINUTES: '121' })).toThrow(
      /WINDOW_OVERLAP_MINUTES: expected a whole number from 0 to 120/,
    );
  });
});
