import { type Config, loadConfig } from '../config';
import { configSecrets, createLogger } from '../logging';
import { createRuntime, type Runtime } from '../runtime';
import { choiceArg, parseCommandArgs } from './args';
import { formatSummary } from './format-summary';
import { type Command, EXIT, UsageError } from './io';

export const POLL_HELP = `Usage: tapwatch poll --once [--format table|json]

Runs one detection cycle with this environment's configuration (the same settings as the function app:
TENANT_ID, GRAPH_BASE_URL, STORAGE_CONNECTION_STRING or TABLES_ENDPOINT, alert channels, ...), using
DefaultAzureCredential for Graph, and prints the cycle summary.
Exit 0 when the cycle completed or was skipped (another run of the tenant held the lease and does the
work), 1 when it was partial or failed, 2 on bad usage or configuration.`;

/** `tapwatch poll --once` over a runtime factory (tests wire one to the simulator and Azurite). */
export function makePollCommand(
  runtimeFor: (config: Config) => Runtime = (config) => createRuntime(config),
): Command {
  return async (args, io) => {
    const { values, positionals } = parseCommandArgs('poll', args, {
      once: { type: 'boolean', default: false },
      format: { type: 'string', default: 'table' },
    });
    if (positionals.length > 0)
      throw new UsageError(`poll takes no arguments, got ${JSON.stringify(positionals[0])}`);
    if (!values.once) throw new UsageError('poll needs --once (scheduled polling runs in the function app)');
    const format = choiceArg(values.format, '--format', ['table', 'json'], 'table');
    const config = loadConfig(io.env);
    const logger = createLogger({
      level: config.logLevel === 'info' ? 'warn' : config.logLevel,
      destination: { write: (line: string) => io.stderr.write(line) },
      secrets: configSecrets(config),
    });
    const runtime = runtimeFor(config);
    try {
      const summary = await runtime.runCycle(new Date(), logger);
      io.stdout.write(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary([summary]));
      return summary.status === 'ok' || summary.status === 'skipped' ? EXIT.ok : EXIT.failOn;
    } finally {
      await runtime.close();
    }
  };
}

/** `tapwatch poll --once`: one cycle through the real pipeline, summary on stdout, logs on stderr. */
export const pollCommand: Command = makePollCommand();
