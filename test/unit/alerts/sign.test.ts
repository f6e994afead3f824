import { Webhook } from 'standardwebhooks';
import { signWebhook, urlHash, webhookKey } from '../../../src/alerts/sign';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

describe('signWebhook', () => {
  it('produces a signature the Standard Webhooks reference verifier accepts', () => {
    // Prepare
    const body = JSON.stringify({ id: 'f1', severity: 'high' });
    const timestamp = Math.floor(Date.now() / 1000);

    // Act
    const signature = signWebhook(SECRET, 'f1.abcd1234', timestamp, body);

    // Assess
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = {
      'webhook-id': 'f1.abcd1234',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    expect(new Webhook(SECRET).verify(body, headers)).toEqual({ id: 'f1', severity: 'high' });
  });

  it('matches the reference signer byte for byte', () => {
    // Prepare
    const at = new Date('2026-11-20T08:00:00Z');

    // Act
    const ours = signWebhook(SECRET, 'msg_1', Math.floor(at.getTime() / 1000), '{"a":1}');

    // Assess
    expect(ours).toBe(new Webhook(SECRET).sign('msg_1', at, '{"a":1}'));
  });

  it('decodes the key after the whsec_ prefix', () => {
    expect(webhookKey(SECRET).toString()).toBe('0123456789abcdef0123456789abcdef');
  });
});

describe('urlHash', () => {
  it('names a URL by 8 hex digits that differ between URLs and repeat for the same URL', () => {
    expect(urlHash('https://a.example.test/x')).toMatch(/^[0-9a-f]{8}$/);
    expect(urlHash('https://a.example.test/x')).toBe(urlHash('https://a.example.test/x'));
    expect(urlHash('https://a.example.test/x')).not.toBe(urlHash('https://a.example.test/y'));
  });
});
