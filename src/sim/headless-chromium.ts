import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Chromium is not installed, or would not start: the message says how to get it. */
export class ChromiumUnavailableError extends Error {
  override name = 'ChromiumUnavailableError';
}

/** A headless Chromium driven over the DevTools protocol on a pipe (no port is opened). */
export interface HeadlessChromium {
  /** Sends one DevTools command to the page and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Resolves on the next event of that name. */
  next(event: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Flags: headless, no sandbox (containers run as root), no GPU, and nothing that reaches the network on
 * its own (component updates, sync, field trials, background fetches). Pages are file:// only.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--hide-scrollbars',
  '--mute-audio',
  '--remote-debugging-pipe',
];

/** `CHROMIUM` when set, else the first of Debian's `chromium` and the usual other names on PATH. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM) {
    try {
      accessSync(env.CHROMIUM, constants.X_OK);
    } catch {
      throw new ChromiumUnavailableError(`CHROMIUM=${env.CHROMIUM} is not an executable file`);
    }
    return env.CHROMIUM;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  throw new ChromiumUnavailableError(
    'chromium not found: install it (Debian: apt-get install -y chromium) or set CHROMIUM to its path',
  );
}

/**
 * Starts Chromium with the DevTools protocol on file descriptors 3 (commands in) and 4 (replies out),
 * opens one blank page and attaches to it. Messages are JSON, each ended by a NUL byte.
 */
export async function startHeadlessChromium(): Promise<HeadlessChromium> {
  const executable = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'tapwatch-chromium-'));
  const child: ChildProcess = spawn(executable, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  // A browser that dies closes its pipes; that surfaces through 'exit', not as an unhandled stream error.
  toBrowser.on('error', () => {});
  fromBrowser.on('error', () => {});
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const waiters: Array<{ event: string; resolve: (p: Record<string, unknown>) => void }> = [];
  let nextId = 1;
  let buffer = '';
  let exited = false;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  child.on('exit', () => {
    exited = true;
    failAll(new ChromiumUnavailableError(`chromium exited: ${stderr.trim().split('\n').at(-1) ?? ''}`));
  });
  child.on('error', (error) =>
    failAll(new ChromiumUnavailableError(`chromium did not start: ${error.message}`)),
  );
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end = buffer.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: unknown;
        error?: { message: string };
      };
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\0');
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`DevTools: ${message.error.message}`));
        else waiter?.resolve(message.result);
      } else if (message.method) {
        const index = waiters.findIndex((w) => w.event === message.method);
        if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message.params ?? {});
      }
    }
  });

  let sessionId: string | undefined;
  const raw = <T>(method: string, params: Record<string, unknown> = {}, session?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new ChromiumUnavailableError('chromium is not running'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      toBrowser.write(
        `${JSON.stringify({ id, method, params, ...(session ? { sessionId: session } : {}) })}\0`,
      );
    });

  const close = async () => {
    if (!exited) {
      await raw('Browser.close').catch(() => {});
      await new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(profile, { recursive: true, force: true });
  };

  try {
    const started = raw<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { targetId } = await Promise.race([started, startupTimeout(30_000)]);
    ({ sessionId } = await raw<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true }));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    send: (method, params) => raw(method, params, sessionId),
    next: (event) => new Promise((resolve) => waiters.push({ event, resolve })),
    close,
  };
}

function startupTimeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(
      () => reject(new ChromiumUnavailableError(`chromium did not answer within ${ms / 1000} s`)),
      ms,
    ).unref();
  });
}
