import type { AlertChannel } from '../../../src/alerts/channel';
import { type DeliveryOptions, deliverFinding } from '../../../src/alerts/dispatcher';
import { createTeamsChannel } from '../../../src/alerts/teams-channel';
import { createWebhookChannel } from '../../../src/alerts/webhook-channel';
import { createLogger } from '../../../src/logging';
import type { ChannelDelivery } from '../../../src/store/store';
import { type Receiver, startReceiver } from '../../support/receiver';
import { sampleFinding } from '../../unit/alerts/sample-finding';

const SECRET = `whsec_${Buffer.from('dispatcher-test-signing-key-0123').toString('base64')}`;
const SIG = 'DispatcherTeamsSig987654321';
const BEARER = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0YXB3YXRjaCJ9.c2lnbmF0dXJl';
const NOW = new Date('2026-11-20T09:00:00Z');

describe('deliverFinding against local receivers', () => {
  const receivers: Receiver[] = [];
  let sleeps: number[];

  async function receiver(fallback?: number): Promise<Receiver> {
    const r = await startReceiver(fallback === undefined ? {} : { fallback });
    receivers.push(r);
    return r;
  }

  function webhook(r: Receiver, path = 'hook'): AlertChannel {
    return createWebhookChannel(`${r.url}/${path}/private-token-abc`, SECRET, { now: () => NOW });
  }

  function teams(r: Receiver): AlertChannel {
    return createTeamsChannel(`${r.url}/workflows/1/triggers/manual/paths/invoke?sv=1.0&sig=${SIG}`, {
      now: () => NOW,
    });
  }

  function options(overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
    return {
      maxAttempts: 4,
      timeoutMs: 2000,
      now: () => NOW,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...overrides,
    };
  }

  beforeEach(() => {
    sleeps = [];
  });

  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('waits as long as a 429 Retry-After asks, then records the Teams 202 as accepted', async () => {
    // Prepare
    const r = await receiver();
    r.script({ status: 429, headers: { 'retry-after': '7' } }, 202);
    const channel = teams(r);

    // Act
    const result = await deliverFinding(sampleFinding(), [channel], {}, options());

    // Assess
    expect(sleeps).toEqual([7000]);
    expect(r.requests.map((q) => q.status)).toEqual([429, 202]);
    expect(result.teams).toEqual({
      status: 'accepted',
      attempts: 2,
      lastAttemptAt: NOW.toISOString(),
      acceptedAt: NOW.toISOString(),
    });
  });

  it('honours an HTTP-date Retry-After and caps a very long one', async () => {
    // Prepare
    const r = await receiver();
    r.script(
      { status: 503, headers: { 'retry-after': new Date(NOW.getTime() + 12_000).toUTCString() } },
      { status: 429, headers: { 'retry-after': '86400' } },
      200,
    );

    // Act
    const result = await deliverFinding(
      sampleFinding(),
      [webhook(r)],
      {},
      options({ retryAfterCapMs: 30_000 }),
    );

    // Assess
    expect(sleeps).toEqual([12_000, 30_000]);
    expect(Object.values(result)[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('retries a 503 with exponential backoff and jitter, then delivers', async () => {
    // Prepare
    const r = await receiver();
    r.script(503, 503, 200);

    // Act
    const result = await deliverFinding(sampleFinding(), [webhook(r)], {}, options({ random: () => 0 }));

    // Assess
    expect(sleeps).toEqual([250, 500]);
    expect(r.requests.map((q) => q.status)).toEqual([503, 503, 200]);
    expect(Object.values(result)[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('does not retry a 400 and records it as a configuration problem', async () => {
    // Prepare
    const r = await receiver();
    r.script(400);
    const channel = webhook(r);

    // Act
    const result = await deliverFinding(sampleFinding(), [channel], {}, options());

    // Assess
    expect(r.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result[channel.id]).toEqual({
      status: 'failed',
      attempts: 1,
      lastAttemptAt: NOW.toISOString(),
      error: `${channel.id} rejected with 400: check the channel configuration`,
    });
  });

  it('times out a hanging receiver and retries it', async () => {
    // Prepare
    const r = await receiver();
    r.script('hang', 202);
    const channel = teams(r);

    // Act
    const result = await deliverFinding(sampleFinding(), [channel], {}, options({ timeoutMs: 200 }));

    // Assess
    expect(r.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(result.teams).toMatchObject({ status: 'accepted', attempts: 2 });
  });

  it('stops after maxAttempts and leaves the failure for the next cycle', async () => {
    // Prepare
    const r = await receiver(503);
    const channel = webhook(r);

    // Act
    const result = await deliverFinding(sampleFinding(), [channel], {}, options({ maxAttempts: 3 }));

    // Assess
    expect(r.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(result[channel.id]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(result[channel.id]?.error).toBe(
      `${channel.id} answered 503 (3 attempts this cycle; retried next cycle)`,
    );
  });

  it('sends only to the channel that failed when the previous outcome is carried into the next call', async () => {
    // Prepare
    const a = await receiver(200);
    const b = await receiver(503);
    const channelA = webhook(a, 'a');
    const channelB = webhook(b, 'b');
    const finding = sampleFinding();

    // Act
    const first = await deliverFinding(finding, [channelA, channelB], {}, options({ maxAttempts: 2 }));
    b.setFallback(200);
    const second = await deliverFinding(finding, [channelA, channelB], first, options({ maxAttempts: 2 }));

    // Assess
    expect(first[channelA.id]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(first[channelB.id]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(3);
    expect(second[channelA.id]).toEqual(first[channelA.id]);
    expect(second[channelB.id]).toMatchObject({ status: 'delivered', attempts: 3 });
    const ids = b.requests.map((q) => q.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
  });

  it('delivers to all channels in parallel', async () => {
    // Prepare
    const hanging = await Promise.all([receiver(), receiver(), receiver()]);
    for (const r of hanging) r.setFallback('hang');
    const channels = hanging.map((r, i) => webhook(r, `p${i}`));

    // Act
    const started = Date.now();
    const result = await deliverFinding(
      sampleFinding(),
      channels,
      {},
      options({ maxAttempts: 1, timeoutMs: 400 }),
    );
    const elapsed = Date.now() - started;

    // Assess
    expect(Object.values(result).map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);
    expect(elapsed).toBeLessThan(1100);
  });

  it('keeps URLs, sig values, the signing secret and tokens out of outcomes, errors and logs', async () => {
    // Prepare
    const down = await receiver();
    down.setFallback({ status: 400, body: `bad request to ${down.url}?sig=${SIG} ${BEARER}` });
    const flaky = await receiver(503);
    const gone = await startReceiver();
    await gone.close();
    const channels = [teams(down), webhook(flaky), webhook(gone, 'gone')];
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      destination: { write: (l: string) => void lines.push(l) },
    });

    // Act
    const result = await deliverFinding(sampleFinding(), channels, {}, options({ maxAttempts: 2 }));
    const thrown = await Promise.all(
      channels.map((c) => c.send(sampleFinding(), AbortSignal.timeout(2000)).catch((e: unknown) => e)),
    );
    logger.warn({ deliveries: result }, 'alert delivery incomplete');
    for (const err of thrown) logger.error({ err }, 'channel error');

    // Assess
    const everything = [
      JSON.stringify(result),
      ...thrown.map((e) => `${(e as Error).message} ${(e as Error).stack}`),
      ...lines,
    ];
    expect(Object.values(result).every((d: ChannelDelivery) => d.status === 'failed')).toBe(true);
    for (const text of everything) {
      for (const secret of [
        SIG,
        'sig=',
        SECRET,
        'private-token-abc',
        BEARER,
        down.url,
        flaky.url,
        gone.url,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
