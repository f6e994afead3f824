import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { configSecrets, createLogger } from '../logging';
import { createRuntime } from '../runtime';
import { formatSummary } from './format-summary';
import { type Command, EXIT, UsageError } from './io';

export const POLL_HELP = `Usage: tapwatch poll --once [--format table|json]

Runs one detection cycle with this environment's configuration (the same settings as the function app:
TENANT_ID, GRAPH_BASE_URL, STORAGE_CONNECTION_STRING or TABLES_ENDPOINT, alert channels, ...), using
DefaultAzureCredential for Graph, and prints the cycle summary.
Exit 0 when the cycle completed, 1 when it was partial or failed, 2 on bad usage or configuration.`;

/** `tapwatch poll --once`: one cycle through the real pipeline, summary on stdout, logs on stderr. */
export const pollCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { once: { type: 'boolean', default: false }, format: { type: 'string', default: 'table' } },
    strict: true,
  });
  if (!values.once) throw new UsageError('poll needs --once (scheduled polling runs in the function app)');
  if (values.format !== 'table' && values.format !== 'json') {
    throw new UsageError(`--format must be table or json, got ${JSON.stringify(values.format)}`);
  }
  const config = loadConfig(io.env);
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    destination: { write: (line: string) => io.stderr.write(line) },
    secrets: configSecrets(config),
  });
  const runtime = createRuntime(config);
  try {
    const summary = await runtime.runCycle(new Date(), logger);
    io.stdout.write(
      values.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary([summary]),
    );
    return summary.status === 'ok' ? EXIT.ok : EXIT.failOn;
  } finally {
    await runtime.close();
  }
};
