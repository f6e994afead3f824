import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../../src/cli/main';
import type { Env } from '../../../src/config';

export const AUDIT_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'audit');

/** A writable that keeps what it was given. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `tapwatch <argv>` in-process with captured streams, the audit fixtures as cwd. */
export async function runCli(
  argv: string[],
  options: { stdin?: string; env?: Env } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, {
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: AUDIT_FIXTURES,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
