import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isSeverity, type Severity } from '../severity';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` with strict checking, whose errors become one-line `UsageError`s (its own
 * messages carry a multi-line hint). A lone `-` is a positional (stdin).
 */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Read `message` structurally: errors from another realm (test sandboxes) fail `instanceof Error`.
    const raw = (error as { message?: unknown } | null)?.message;
    const message = (typeof raw === 'string' ? raw : String(error)).split('\n')[0] ?? '';
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional.*$/, '')}`);
  }
}

/** A severity flag value (case-insensitive), or a UsageError naming the flag. */
export function severityArg(value: string | undefined, flag: string, fallback: Severity): Severity {
  if (value === undefined) return fallback;
  const v = value.toLowerCase();
  if (!isSeverity(v)) {
    throw new UsageError(
      `${flag} must be informational, low, medium, high or critical, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return v;
}

/** One of `choices`, or a UsageError naming the flag. */
export function choiceArg<T extends string>(
  value: string | undefined,
  flag: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    const list = `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
    throw new UsageError(`${flag} must be ${list}, got ${JSON.stringify(value.slice(0, 40))}`);
  }
  return value as T;
}
