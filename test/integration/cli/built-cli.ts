import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
export const AUDIT_FIXTURES = join(ROOT, 'test', 'fixtures', 'audit');

/** The integration project's globalSetup compiled dist/ once; fail clearly when it is missing. */
export async function build(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: the integration globalSetup builds it`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `tapwatch` with a clean environment (only `env`), fixtures as cwd, optional stdin. */
export function tapwatch(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: AUDIT_FIXTURES,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
