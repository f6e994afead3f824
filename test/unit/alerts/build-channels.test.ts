import { createChannels, describeChannels } from '../../../src/alerts/build-channels';
import { urlHash } from '../../../src/alerts/sign';
import { loadConfig } from '../../../src/config';

const TENANT_ID = '11111111-2222-3333-4444-555555555555';
const TEAMS =
  'https://prod-1.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sv=1.0&sig=abcdefgh';
const HOOK_A = 'https://hooks.example.test/a-secret-path';
const HOOK_B = 'https://hooks.example.test/b-secret-path';
const SECRET = `whsec_${Buffer.alloc(24, 3).toString('base64')}`;

describe('createChannels', () => {
  it('builds Teams plus one webhook channel per configured URL, named without their URLs', () => {
    // Prepare
    const config = loadConfig({
      TENANT_ID,
      TEAMS_WORKFLOW_URL: TEAMS,
      WEBHOOK_URLS: `${HOOK_A},${HOOK_B}`,
      WEBHOOK_SECRET: SECRET,
    });

    // Act
    const channels = createChannels(config);
    const description = describeChannels(channels);

    // Assess
    expect(channels.map((c) => [c.id, c.kind])).toEqual([
      ['teams', 'teams'],
      [`webhook:${urlHash(HOOK_A)}`, 'webhook'],
      [`webhook:${urlHash(HOOK_B)}`, 'webhook'],
    ]);
    expect(description).toBe(`teams, webhook:${urlHash(HOOK_A)}, webhook:${urlHash(HOOK_B)}`);
    for (const secret of [TEAMS, 'sig=', HOOK_A, 'secret-path', SECRET]) {
      expect(description).not.toContain(secret);
      expect(JSON.stringify(channels)).not.toContain(secret);
    }
  });

  it('builds no channel when none is configured, and sends the same URL listed twice only once', () => {
    // Act
    const none = createChannels(loadConfig({ TENANT_ID }));
    // loadConfig refuses a URL listed twice; a config built another way must still not alert twice.
    const once = loadConfig({ TENANT_ID, WEBHOOK_URLS: HOOK_A, WEBHOOK_SECRET: SECRET });
    const twice = createChannels({
      ...once,
      webhookUrls: [HOOK_A, HOOK_A],
      webhookSecrets: [SECRET, SECRET],
    });

    // Assess
    expect(none).toEqual([]);
    expect(describeChannels(none)).toBe('no alert channels');
    expect(twice.map((c) => c.id)).toEqual([`webhook:${urlHash(HOOK_A)}`]);
  });
});
