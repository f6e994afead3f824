import type { InvocationContext } from '@azure/functions';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';
import { errorMessage } from './errors';
import { REDACTED, redactSecrets } from './logging/redact';

export type { Logger } from 'pino';
export { REDACTED, redactSecrets } from './logging/redact';

/**
 * Object paths whose values are secrets whatever they contain. Path redaction is the first layer; the
 * scrubbing destination below is the second, for secrets that end up inside messages, errors or stacks.
 */
const REDACT_PATHS = [
  'url',
  '*.url',
  'webhookUrl',
  '*.webhookUrl',
  'webhookUrls',
  '*.webhookUrls',
  'teamsWorkflowUrl',
  '*.teamsWorkflowUrl',
  'webhookSecret',
  '*.webhookSecret',
  'webhookSecrets',
  '*.webhookSecrets',
  'secret',
  '*.secret',
  'storageConnectionString',
  '*.storageConnectionString',
  'connectionString',
  '*.connectionString',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["webhook-signature"]',
  '*.headers["webhook-signature"]',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
];

export interface LoggerOptions {
  /** pino level name (`info`, `debug`, …, `silent`). */
  level: string;
  /** Where serialized lines go; stdout when absent. Every line is scrubbed before it reaches it. */
  destination?: DestinationStream;
  /** Exact values that must never appear (configured URLs, signing secret, connection string). */
  secrets?: string[];
}

/**
 * A pino logger that cannot leak secrets: known secret paths are censored, and every serialized line
 * (messages, error messages, stacks, causes) is scrubbed by `redactSecrets` before it is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = [...(options.secrets ?? [])];
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      base: null,
      // Errors logged under either key keep their message, stack and cause (then scrubbed like the rest).
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    scrubbingDestination(target, secrets),
  );
}

/** Wraps a destination so every line is scrubbed of secrets before it is written. */
export function scrubbingDestination(
  target: DestinationStream,
  secrets: readonly string[],
): DestinationStream {
  return { write: (line: string) => target.write(redactSecrets(line, secrets)) };
}

/**
 * Routes log lines to the Functions invocation context by level: on Flex Consumption stdout is not
 * reliably collected, while `context.*` reaches Application Insights with the invocation id attached.
 */
export function invocationContextDestination(context: InvocationContext): DestinationStream {
  return {
    write(line: string): void {
      const text = line.endsWith('\n') ? line.slice(0, -1) : line;
      const level = Number(/"level":(\d+)/.exec(text)?.[1] ?? 30);
      if (level >= 50) context.error(text);
      else if (level >= 40) context.warn(text);
      else if (level >= 30) context.info(text);
      else if (level >= 20) context.debug(text);
      else context.trace(text);
    },
  };
}

/** The values from `config` that are secrets and must be scrubbed from every log line. */
export function configSecrets(config: Config): string[] {
  const secrets = [...config.webhookUrls];
  if (config.teamsWorkflowUrl) secrets.push(config.teamsWorkflowUrl);
  if (config.webhookSecret) secrets.push(config.webhookSecret);
  secrets.push(...config.webhookSecrets);
  if (config.storageConnectionString) secrets.push(config.storageConnectionString);
  return secrets;
}

/**
 * The logger a function invocation uses: level from config, lines to the context, config secrets scrubbed,
 * and `extraSecrets` too (a queued tenant cycle's own channel URLs and signing secrets).
 */
export function loggerForInvocation(
  context: InvocationContext,
  config: Config,
  extraSecrets: readonly string[] = [],
): Logger {
  return createLogger({
    level: config.logLevel,
    destination: invocationContextDestination(context),
    secrets: [...configSecrets(config), ...extraSecrets],
  }).child({ invocationId: context.invocationId, functionName: context.functionName });
}

/**
 * Logs a trigger's failure: through the invocation's logger (secrets redacted) once the configuration
 * loaded, else straight to the invocation context, since a configuration that failed to load has no logger.
 */
export function logInvocationError(
  context: InvocationContext,
  config: Config | undefined,
  what: string,
  error: unknown,
): void {
  if (config) loggerForInvocation(context, config).error({ err: error }, what);
  else context.error(`${what}: ${errorMessage(error)}`);
}
