import { webhookMessageId } from '../../../src/alerts/webhook-channel';
import { loadConfig } from '../../../src/config';
import { ConfigError } from '../../../src/errors';
import { configSecrets } from '../../../src/logging';

const TENANT_ID = '11111111-2222-3333-4444-555555555555';
const HOOK_A = 'https://hooks.example.test/a-secret-path';
const HOOK_B = 'https://hooks.example.test/b-secret-path';
const HOOK_C = 'https://hooks.example.test/c-secret-path';

/** A `whsec_` secret of `bytes` random-looking bytes (each secret distinct by `fill`). */
function secret(bytes: number, fill = 7): string {
  return `whsec_${Buffer.alloc(bytes, fill).toString('base64')}`;
}

/** The ConfigError `run` throws, or a failure when it throws nothing. */
function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('webhook signing secrets (Standard Webhooks: 24 to 64 bytes, one per endpoint)', () => {
  it.each([24, 32, 64])('accepts a secret of %i bytes', (bytes) => {
    // Act
    const config = loadConfig({ TENANT_ID, WEBHOOK_URLS: HOOK_A, WEBHOOK_SECRET: secret(bytes) });

    // Assess
    expect(config.webhookSecrets).toEqual([secret(bytes)]);
  });

  it.each([
    [16, 'WEBHOOK_SECRET'],
    [23, 'WEBHOOK_SECRET'],
    [65, 'WEBHOOK_SECRET'],
  ])('refuses a secret of %i bytes in one line naming %s and the size, never the value', (bytes, name) => {
    // Act
    const error = configError(() =>
      loadConfig({ TENANT_ID, WEBHOOK_URLS: HOOK_A, WEBHOOK_SECRET: secret(bytes) }),
    );

    // Assess
    expect(error.variable).toBe(name);
    expect(error.message).toContain(`got ${bytes} bytes`);
    expect(error.message).toContain('24 to 64');
    expect(error.message).not.toContain(secret(bytes).slice(6, 20));
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['no whsec_ prefix', Buffer.alloc(32, 7).toString('base64')],
    ['characters outside base64', 'whsec_not*base64*at*all*but*long*enough*to*pass='],
    ['missing padding', `whsec_${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`],
  ])('refuses a secret with %s', (_case, value) => {
    // Act
    const error = configError(() => loadConfig({ TENANT_ID, WEBHOOK_URLS: HOOK_A, WEBHOOK_SECRET: value }));

    // Assess
    expect(error.variable).toBe('WEBHOOK_SECRET');
    expect(error.message).toContain('(value not shown: it is a secret)');
    expect(error.message).not.toContain(value);
  });

  it('gives each URL its own secret from WEBHOOK_SECRETS, in WEBHOOK_URLS order', () => {
    // Act
    const config = loadConfig({
      TENANT_ID,
      WEBHOOK_URLS: `${HOOK_A},${HOOK_B}`,
      WEBHOOK_SECRETS: `${secret(32, 1)} , ${secret(32, 2)}`,
    });

    // Assess
    expect(config.webhookSecrets).toEqual([secret(32, 1), secret(32, 2)]);
    expect(config.webhookSecret).toBeUndefined();
  });

  it('uses WEBHOOK_SECRET for a URL whose WEBHOOK_SECRETS entry is empty', () => {
    // Act
    const config = loadConfig({
      TENANT_ID,
      WEBHOOK_URLS: `${HOOK_A},${HOOK_B},${HOOK_C}`,
      WEBHOOK_SECRETS: `${secret(32, 1)},,${secret(32, 3)}`,
      WEBHOOK_SECRET: secret(32, 9),
    });

    // Assess
    expect(config.webhookSecrets).toEqual([secret(32, 1), secret(32, 9), secret(32, 3)]);
  });

  it('keeps WEBHOOK_SECRET alone working as the secret of every URL', () => {
    // Act
    const config = loadConfig({ TENANT_ID, WEBHOOK_URLS: `${HOOK_A};${HOOK_B}`, WEBHOOK_SECRET: secret(32) });

    // Assess
    expect(config.webhookSecrets).toEqual([secret(32), secret(32)]);
  });

  it('refuses a WEBHOOK_SECRETS list whose length differs from WEBHOOK_URLS rather than guess who gets which', () => {
    // Act
    const error = configError(() =>
      loadConfig({
        TENANT_ID,
        WEBHOOK_URLS: `${HOOK_A},${HOOK_B}`,
        WEBHOOK_SECRETS: secret(32, 1),
        WEBHOOK_SECRET: secret(32, 9),
      }),
    );

    // Assess
    expect(error.message).toBe(
      'WEBHOOK_SECRETS: lists 1 entry for 2 WEBHOOK_URLS: give one per URL, in the same order (an empty entry uses WEBHOOK_SECRET)',
    );
  });

  it('names the entry that is too short, by position', () => {
    // Act
    const error = configError(() =>
      loadConfig({
        TENANT_ID,
        WEBHOOK_URLS: `${HOOK_A},${HOOK_B}`,
        WEBHOOK_SECRETS: `${secret(32)},${secret(20)}`,
      }),
    );

    // Assess
    expect(error.variable).toBe('WEBHOOK_SECRETS[1]');
    expect(error.message).toContain('got 20 bytes');
  });

  it('refuses an empty WEBHOOK_SECRETS entry when there is no WEBHOOK_SECRET to fall back on', () => {
    // Act
    const error = configError(() =>
      loadConfig({ TENANT_ID, WEBHOOK_URLS: `${HOOK_A},${HOOK_B}`, WEBHOOK_SECRETS: `${secret(32)},` }),
    );

    // Assess
    expect(error.variable).toBe('WEBHOOK_SECRETS[1]');
  });

  it('lists every per-endpoint secret among the values log lines are scrubbed of', () => {
    // Act
    const config = loadConfig({
      TENANT_ID,
      WEBHOOK_URLS: `${HOOK_A},${HOOK_B}`,
      WEBHOOK_SECRETS: `${secret(32, 1)},${secret(32, 2)}`,
    });

    // Assess
    expect(configSecrets(config)).toEqual(expect.arrayContaining([secret(32, 1), secret(32, 2)]));
  });

  it('requires a secret for webhook URLs when neither setting gives one', () => {
    // Act
    const error = configError(() => loadConfig({ TENANT_ID, WEBHOOK_URLS: HOOK_A }));

    // Assess
    expect(error.variable).toBe('WEBHOOK_SECRET');
    expect(error.message).toMatch(/is required when WEBHOOK_URLS is set/);
  });
});

describe('webhook sender defaults', () => {
  it('waits 15 to 30 seconds for a receiver by default, as Standard Webhooks recommends', () => {
    // Act
    const { alertTimeoutMs } = loadConfig({ TENANT_ID });

    // Assess
    expect(alertTimeoutMs).toBeGreaterThanOrEqual(15_000);
    expect(alertTimeoutMs).toBeLessThanOrEqual(30_000);
  });

  it.each([
    ['a hex finding id', '0123456789abcdef0123456789abcdef', '1a2b3c4d'],
    ['an id with dots, slashes and spaces', 'a.b/c d', '1a2b3c4d'],
  ])('builds a webhook-id without "." from %s', (_case, findingId, hash) => {
    // Act
    const id = webhookMessageId(findingId, hash);

    // Assess
    expect(id).not.toContain('.');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id.endsWith(`_${hash}`)).toBe(true);
  });
});
