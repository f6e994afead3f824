import { Webhook } from 'standardwebhooks';
import { createChannels } from '../../../src/alerts/build-channels';
import { HttpDeliveryError } from '../../../src/alerts/post-json';
import { urlHash } from '../../../src/alerts/sign';
import { createWebhookChannel } from '../../../src/alerts/webhook-channel';
import { loadConfig } from '../../../src/config';
import { DeliveryError } from '../../../src/errors';
import { type Receiver, startReceiver } from '../../support/receiver';
import { sampleFinding } from '../../unit/alerts/sample-finding';

const SECRET = `whsec_${Buffer.from('tapwatch-test-signing-key-32-bytes!').toString('base64')}`;

describe('webhook channel against a local receiver', () => {
  let receiver: Receiver;
  let url: string;

  beforeEach(async () => {
    receiver = await startReceiver();
    url = `${receiver.url}/hooks/secret-path-123`;
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('posts the finding JSON with Standard Webhooks headers that the reference verifier accepts', async () => {
    // Prepare
    const finding = sampleFinding();
    const channel = createWebhookChannel(url, SECRET);

    // Act
    await channel.send(finding, AbortSignal.timeout(5000));

    // Assess
    const [request] = receiver.requests;
    if (!request) throw new Error('no request received');
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^tapwatch\/\d+\.\d+\.\d+/);
    expect(request.headers['webhook-id']).toBe(`${finding.id}_${urlHash(url)}`);
    expect(request.headers['webhook-id']).not.toContain('.');
    expect(channel.id).toBe(`webhook:${urlHash(url)}`);
    expect(new Webhook(SECRET).verify(request.body, request.headers)).toEqual(finding);
  });

  it('produces signatures that fail verification when the body or the timestamp is tampered with', async () => {
    // Prepare
    const channel = createWebhookChannel(url, SECRET);
    await channel.send(sampleFinding(), AbortSignal.timeout(5000));
    const request = receiver.requests[0];
    if (!request) throw new Error('no request received');
    const verifier = new Webhook(SECRET);
    const laterTimestamp = String(Number(request.headers['webhook-timestamp']) + 1);

    // Act
    const tamperedBody = () => verifier.verify(request.body.replace('"high"', '"low"'), request.headers);
    const tamperedTimestamp = () =>
      verifier.verify(request.body, { ...request.headers, 'webhook-timestamp': laterTimestamp });
    const otherSecret = () =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, request.headers);

    // Assess
    expect(tamperedBody).toThrow(/signature/i);
    expect(tamperedTimestamp).toThrow(/signature/i);
    expect(otherSecret).toThrow(/signature/i);
  });

  it('stamps the injected clock, which receivers reject when it is older than five minutes', async () => {
    // Prepare
    const sentAt = new Date(Date.now() - 10 * 60_000);
    const channel = createWebhookChannel(url, SECRET, { now: () => sentAt });

    // Act
    await channel.send(sampleFinding(), AbortSignal.timeout(5000));

    // Assess
    const request = receiver.requests[0];
    if (!request) throw new Error('no request received');
    expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(sentAt.getTime() / 1000)));
    expect(() => new Webhook(SECRET).verify(request.body, request.headers)).toThrow(/timestamp/i);
  });

  it('keeps the same webhook-id on every retry so receivers can drop duplicates', async () => {
    // Prepare
    receiver.script(503, 200);
    const channel = createWebhookChannel(url, SECRET);
    const finding = sampleFinding();

    // Act
    await expect(channel.send(finding, AbortSignal.timeout(5000))).rejects.toThrow(DeliveryError);
    await channel.send(finding, AbortSignal.timeout(5000));

    // Assess
    const ids = receiver.requests.map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([`${finding.id}_${urlHash(url)}`, `${finding.id}_${urlHash(url)}`]);
  });

  it.each([
    [400, false],
    [401, false],
    [404, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])(
    'reports %i as a DeliveryError with retryable=%p, naming the channel and never the URL',
    async (status, retryable) => {
      // Prepare
      receiver.script({ status, headers: { 'retry-after': '3' }, body: `echo ${url}` });
      const channel = createWebhookChannel(url, SECRET);

      // Act
      const error = await channel.send(sampleFinding(), AbortSignal.timeout(5000)).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(HttpDeliveryError);
      const delivery = error as HttpDeliveryError;
      expect(delivery).toMatchObject({ retryable, status, retryAfterMs: 3000 });
      expect(delivery.message).toContain(channel.id);
      expect(delivery.message).not.toContain(receiver.url);
      expect(delivery.message).not.toContain('secret-path');
    },
  );

  it('does not follow a redirect to a host nobody configured', async () => {
    // Prepare
    const elsewhere = await startReceiver();
    receiver.script({ status: 307, headers: { location: `${elsewhere.url}/steal` } });
    const channel = createWebhookChannel(url, SECRET);

    // Act
    const error = await channel.send(sampleFinding(), AbortSignal.timeout(5000)).catch((e: unknown) => e);
    await elsewhere.close();

    // Assess
    expect(error).toMatchObject({ retryable: false, status: 307 });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('signs each endpoint with its own WEBHOOK_SECRETS entry, which only that endpoint can verify', async () => {
    // Prepare: two receivers, one secret each; the third setting is the fallback neither uses.
    const other = await startReceiver();
    const urls = [url, `${other.url}/hooks/b`];
    const secrets = [1, 2].map((fill) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`);
    const config = loadConfig({
      TENANT_ID: '11111111-2222-3333-4444-555555555555',
      WEBHOOK_URLS: urls.join(','),
      WEBHOOK_SECRETS: secrets.join(','),
    });
    const finding = sampleFinding();

    // Act
    for (const channel of createChannels(config)) await channel.send(finding, AbortSignal.timeout(5000));
    await other.close();

    // Assess
    const [a] = receiver.requests;
    const [b] = other.requests;
    if (!a || !b) throw new Error('a receiver got nothing');
    expect(new Webhook(secrets[0] ?? '').verify(a.body, a.headers)).toEqual(finding);
    expect(new Webhook(secrets[1] ?? '').verify(b.body, b.headers)).toEqual(finding);
    expect(() => new Webhook(secrets[1] ?? '').verify(a.body, a.headers)).toThrow(/signature/i);
    expect(() => new Webhook(secrets[0] ?? '').verify(b.body, b.headers)).toThrow(/signature/i);
  });
});
