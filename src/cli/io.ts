import type { Readable, Writable } from 'node:stream';
import type { Env } from '../config';

/** What a CLI command may touch: streams and environment are passed in so tests run commands in-process. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Env;
  cwd: string;
}

/** Exit codes shared by every command: 0 ok, 1 `--fail-on` threshold hit, 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, failOn: 1, usage: 2 } as const;

/** A command: parses its own arguments, writes to `io`, returns the exit code. Never calls process.exit. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Thrown for bad usage or unreadable input; main prints `tapwatch: <message>` and exits 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
