import { urlHash } from '../../../src/alerts/sign';
import { loadConfig } from '../../../src/config';
import { checkChannels } from '../../../src/doctor/channel-checks';

const TENANT_ID = '6f3c1e2a-8b4d-4f7e-9a1c-2d5b8e0f4a37';
const SECRET_32 = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const NOW = new Date('2026-05-01T12:00:00Z');

/** Configuration checks only: no test alert is sent, so these URLs are never contacted. */
const check = (env: Record<string, string>) => checkChannels(loadConfig({ TENANT_ID, ...env }), false, NOW);

describe('alert channel configuration checks', () => {
  it('degrades a deployment with no channel: findings are stored, nobody is alerted', async () => {
    // Act
    const [line] = await check({});

    // Assess
    expect(line).toMatchObject({ id: 'channels', status: 'degraded' });
  });

  it('passes a Workflows URL with sig= and a webhook with a 32-byte secret, sending nothing', async () => {
    // Prepare
    const hook = 'https://siem.example.com/hooks/tapwatch';

    // Act
    const lines = await check({
      TEAMS_WORKFLOW_URL:
        'https://x.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/1/triggers/manual/paths/invoke?api-version=1&sig=s3cr3t',
      WEBHOOK_URLS: hook,
      WEBHOOK_SECRET: SECRET_32,
    });

    // Assess
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      ['channel:teams', 'pass'],
      [`channel:webhook:${urlHash(hook)}`, 'pass'],
    ]);
    expect(lines.every((l) => l.detail.includes('nothing sent'))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
    expect(JSON.stringify(lines)).not.toContain('siem.example.com');
  });

  it.each([
    [
      'a retired Office 365 connector URL',
      'https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def',
      'fail',
    ],
    ['plain http to a remote host', 'http://teams.example.com/hook?sig=abc', 'fail'],
    [
      'an older logic.azure.com trigger URL',
      'https://prod-1.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=abc',
      'degraded',
    ],
    [
      'a URL without sig=',
      'https://x.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/1',
      'degraded',
    ],
  ])('judges %s', async (_name, url, status) => {
    // Act
    const [line] = await check({ TEAMS_WORKFLOW_URL: url });

    // Assess
    expect(line?.status).toBe(status);
    expect(line?.fix).toBeDefined();
    expect(JSON.stringify(line)).not.toContain(url);
  });
});
