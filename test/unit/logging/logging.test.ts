import { InvocationContext } from '@azure/functions';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../../src/config';
import { DeliveryError } from '../../../src/errors';
import {
  configSecrets,
  createLogger,
  invocationContextDestination,
  loggerForInvocation,
  redactSecrets,
} from '../../../src/logging';

const TEAMS_URL =
  'https://prod-42.westeurope.logic.azure.com:443/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S3cr3tSigValue_abcdefghijklmnop';
const WEBHOOK_URL = 'https://hooks.example.test/tapwatch/7f3c9e1d5a';
const SECRET = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
const SECRET_KEY = SECRET.slice('whsec_'.length);
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXBhcnQ';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONNECTION = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${ACCOUNT_KEY};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`;

/** Everything that must never show up in a log line, in any form. */
const FORBIDDEN = [
  TEAMS_URL,
  'S3cr3tSigValue',
  'sv=1.0',
  WEBHOOK_URL,
  '/tapwatch/7f3c9e1d5a',
  SECRET,
  SECRET_KEY,
  TOKEN,
  ACCOUNT_KEY,
  'code=fnKeyValue123',
  'sig=other-sig-value',
];

function capture(): { lines: string[]; destination: DestinationStream } {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

function assertClean(lines: string[]): void {
  const all = lines.join('\n');
  for (const secret of FORBIDDEN) expect(all).not.toContain(secret);
}

describe('createLogger', () => {
  it('keeps registered secrets, signed URLs, whsec secrets and bearer tokens out of every line', () => {
    // Prepare
    const { lines, destination } = capture();
    const logger = createLogger({
      level: 'debug',
      destination,
      secrets: [TEAMS_URL, WEBHOOK_URL, SECRET, CONNECTION],
    });
    const cause = new Error(`connect failed for ${WEBHOOK_URL} with Authorization: Bearer ${TOKEN}`);
    const error = new DeliveryError(`POST ${TEAMS_URL} failed`, true, 503, { cause });

    // Act
    logger.info({ url: TEAMS_URL, channel: { url: WEBHOOK_URL } }, 'sending alert');
    logger.info(`posting to ${WEBHOOK_URL} and https://func.example.test/api/x?code=fnKeyValue123`);
    logger.warn({ headers: { authorization: `Bearer ${TOKEN}` } }, 'graph call');
    logger.error({ err: error }, 'delivery failed');
    logger.error(error);
    logger.error({ error, detail: `secret is ${SECRET}` }, 'again');
    logger.debug({ config: { storageConnectionString: CONNECTION, webhookSecret: SECRET } }, 'config');
    logger.info(`unregistered https://other.example.test/hook?sig=other-sig-value and ${CONNECTION}`);

    // Assess
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    assertClean(lines);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('still logs the useful parts of an error: its name, status and the channel it was about', () => {
    // Prepare
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination, secrets: [WEBHOOK_URL] });

    // Act
    logger.error({ err: new DeliveryError('webhook:1a2b3c4d answered 503', true, 503) }, 'delivery failed');

    // Assess
    const entry = JSON.parse(lines[0] ?? '{}') as { err: { type: string; message: string; stack: string } };
    expect(entry.err.type).toBe('DeliveryError');
    expect(entry.err.message).toBe('webhook:1a2b3c4d answered 503');
    expect(entry.err.stack).toContain('DeliveryError');
  });

  it('writes nothing below the configured level', () => {
    // Prepare
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });

    // Act
    logger.info('quiet');
    logger.warn('loud');

    // Assess
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});

describe('redactSecrets', () => {
  it('scrubs secrets from plain error text for messages that leave the process', () => {
    // Act
    const text = redactSecrets(
      `failed: ${TEAMS_URL} ${SECRET} Bearer ${TOKEN} SharedAccessSignature=sv=2020&sig=abc123xyz;`,
      [],
    );

    // Assess
    for (const secret of [TEAMS_URL, 'S3cr3tSigValue', SECRET, TOKEN, 'abc123xyz'])
      expect(text).not.toContain(secret);
    expect(text).toContain('failed:');
  });
});

describe('logging from a function invocation', () => {
  it('routes each line to the invocation context by level, scrubbed, with the invocation id', () => {
    // Prepare
    const seen: Array<{ level: string; text: string }> = [];
    const context = new InvocationContext({
      invocationId: 'inv-1',
      functionName: 'pollTenant',
      logHandler: (level, ...args) => seen.push({ level, text: args.map(String).join(' ') }),
    });
    const config = loadConfig({
      TENANT_ID: '11111111-2222-3333-4444-555555555555',
      TEAMS_WORKFLOW_URL: TEAMS_URL,
      WEBHOOK_URLS: WEBHOOK_URL,
      WEBHOOK_SECRET: SECRET,
      STORAGE_CONNECTION_STRING: CONNECTION,
      LOG_LEVEL: 'debug',
    });
    const logger = loggerForInvocation(context, config);

    // Act
    logger.debug({ config }, 'loaded');
    logger.info(`cycle done, alerts to ${WEBHOOK_URL}`);
    logger.warn('slow');
    logger.error(new Error(`fail ${TEAMS_URL}`));

    // Assess
    expect(seen.map((s) => s.level)).toEqual(['debug', 'information', 'warning', 'error']);
    expect(JSON.parse(seen[1]?.text ?? '{}')).toMatchObject({
      invocationId: 'inv-1',
      functionName: 'pollTenant',
    });
    assertClean(seen.map((s) => s.text));
    expect(configSecrets(config)).toEqual(
      expect.arrayContaining([TEAMS_URL, WEBHOOK_URL, SECRET, CONNECTION]),
    );
  });

  it('sends trace and fatal lines to the nearest context methods', () => {
    // Prepare
    const seen: string[] = [];
    const context = new InvocationContext({ logHandler: (level) => seen.push(level) });
    const destination = invocationContextDestination(context);

    // Act
    destination.write('{"level":10,"msg":"t"}\n');
    destination.write('{"level":60,"msg":"f"}\n');

    // Assess
    expect(seen).toEqual(['trace', 'error']);
  });
});
