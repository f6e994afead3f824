import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io';

/** A CLI io whose stdout and stderr are captured as text, for running commands in-process. */
export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

export function captureIo(env: Record<string, string>, stdinText = ''): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const stdin = new PassThrough();
  stdin.end(stdinText);
  return { stdin, stdout, stderr, cwd: process.cwd(), env, out: () => out, err: () => err };
}
