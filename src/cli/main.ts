#!/usr/bin/env node
import { ConfigError, errorMessage, GraphRequestError, TapwatchError } from '../errors';
import { packageVersion } from '../package-root';
import { type CliIo, type Command, EXIT, UsageError } from './io';

/** One `tapwatch` command. */
export interface CommandEntry {
  /** One line for the command list in `tapwatch --help`. */
  summary: string;
  /**
   * Loads the command on use, so `scan` never pays for the Azure SDKs other commands need.
   * `help` is printed for `tapwatch <command> --help`.
   */
  load: () => { run: Command; help: string };
}

/** The command table; add a command here (name → summary + lazy loader). */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  scan: {
    summary: 'scan exported audit logs (files or stdin) for TAP issuance, offline',
    load: () => {
      const m = require('./scan') as typeof import('./scan');
      return { run: m.scanCommand, help: m.SCAN_HELP };
    },
  },
  poll: {
    summary: "run one detection cycle against the tenant with this environment's settings",
    load: () => {
      const m = require('./poll') as typeof import('./poll');
      return { run: m.pollCommand, help: m.POLL_HELP };
    },
  },
  findings: {
    summary: 'query stored findings (Table Storage) by time, severity, rule, target or initiator',
    load: () => {
      const m = require('./findings') as typeof import('./findings');
      return { run: m.findingsCommand, help: m.FINDINGS_HELP };
    },
  },
  snapshot: {
    summary: 'export the role data offline scans need from Graph (read-only): scan --directory FILE',
    load: () => {
      const m = require('./snapshot') as typeof import('./snapshot');
      return { run: m.snapshotCommand, help: m.SNAPSHOT_HELP };
    },
  },
  tenants: {
    summary: 'list, add, change or remove the tenants this deployment watches',
    load: () => {
      const m = require('./tenants') as typeof import('./tenants');
      return { run: m.tenantsCommand, help: m.TENANTS_HELP };
    },
  },
  doctor: {
    summary:
      'check a deployment: identity, Graph permissions, licence tier, Table storage and alert channels',
    load: () => {
      const m = require('./doctor') as typeof import('./doctor');
      return { run: m.doctorCommand, help: m.DOCTOR_HELP };
    },
  },
  demo: {
    summary: 'run the whole detector locally on a sample tenant (no Azure account needed)',
    load: () => {
      requireDevelopmentPackages('demo', ['selfsigned', 'azurite/package.json']);
      const m = require('./demo') as typeof import('./demo');
      return { run: m.demoCommand, help: m.DEMO_HELP };
    },
  },
};

/**
 * `demo` runs the Graph simulator (selfsigned) and Azurite, which are development dependencies: a
 * production install (`npm ci --omit=dev`, the function app) leaves them out on purpose. Without them the
 * command says so in one line instead of failing on a missing module.
 */
function requireDevelopmentPackages(command: string, modules: readonly string[]): void {
  const missing = modules.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    const names = missing.map((m) => m.replace(/\/package\.json$/, '')).join(', ');
    throw new UsageError(
      `${command} needs the development dependencies (${names}), which a production install leaves out: run it from a clone after npm install`,
    );
  }
}

/** Exit code of an error that is neither bad usage nor bad input: a bug or an unexpected failure. */
export const EXIT_INTERNAL = 70;

export function mainHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  const list = names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]?.summary ?? ''}`).join('\n');
  return `Usage: tapwatch <command> [options]

Detects Temporary Access Pass (TAP) issuance in Microsoft Entra ID.

Commands:
${list}

Run "tapwatch <command> --help" for a command's options; "tapwatch --version" prints the version.
Exit codes: 0 ok; 1 a --fail-on threshold was hit (scan), a cycle was partial or failed (poll, demo), or a
check failed (doctor);
2 bad usage, configuration or unreadable input.
`;
}

/**
 * Runs one command line. Usage and input errors print one line, `tapwatch: <message>`, configuration
 * errors one such line per bad setting, and return 2, with no stack trace; anything else is unexpected and
 * returns 70 (its stack only with TAPWATCH_DEBUG=1).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === '--version' || name === '-V' || name === 'version') {
      io.stdout.write(`tapwatch ${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? args[0] : undefined;
      if (topic === undefined) {
        (name === undefined ? io.stderr : io.stdout).write(mainHelp());
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      return await main([topic, '--help'], io);
    }
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry)
      throw new UsageError(`unknown command ${JSON.stringify(name.slice(0, 40))} (try tapwatch --help)`);
    const command = entry.load();
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      // Every bad setting at once, one line each, so all of them are fixed in one go.
      for (const p of error.problems)
        io.stderr.write(`tapwatch: ${oneLine(`${p.variable}: ${p.message}`)}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof TapwatchError || isParseArgsError(error)) {
      io.stderr.write(`${errorLine(error as Error)}\n`);
      return EXIT.usage;
    }
    const message = errorMessage(error);
    io.stderr.write(`tapwatch: unexpected error: ${oneLine(message)}\n`);
    if (io.env.TAPWATCH_DEBUG === '1' && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}

/** The one line a usage, input, configuration or service error prints; Graph errors name the endpoint asked. */
export function errorLine(error: Error): string {
  const endpoint =
    error instanceof GraphRequestError && error.endpoint ? ` (Graph at ${error.endpoint})` : '';
  return `tapwatch: ${oneLine(error.message)}${endpoint}`;
}

/** Commands that call `util.parseArgs` directly get its errors reported as usage errors too. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Messages may quote input: keep the first line and drop control characters. */
function oneLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/\p{Cc}/gu, '?').slice(0, 500);
}

if (require.main === module) {
  // A closed pipe (`tapwatch scan … | head`) is a normal end, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
