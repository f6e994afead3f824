import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreError } from '../errors';

/** A running in-memory Azurite table service on 127.0.0.1. */
export interface AzuriteTables {
  /** Explicit dev-account connection string for this port (Azurite's published well-known key). */
  connectionString: string;
  port: number;
  /** Stops the service and waits until the process has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port; in-memory data is lost, as after a real outage. */
  restart(): Promise<void>;
}

export interface AzuriteOptions {
  /**
   * A folder to persist tables in, so data survives `restart()` (the fault-injection suite stops and
   * restarts storage between cycles). Default: memory only.
   */
  location?: string;
}

/** Azurite's well-known development account key (public, documented; not a secret). */
const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** The table service prints "successfully started", the queue service "successfully listens". */
const READY_LINE = /successfully (started|listens)/;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;

/**
 * Runs Azurite's table service in its own process: the Node running us (22+), data only in memory,
 * telemetry off (it would reach the internet otherwise). The child reads a stdin pipe and exits when it
 * closes, so a test worker that dies cannot leave an orphaned Azurite behind.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteTables> {
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    try {
      let child = await launch(port, options.location);
      return {
        port,
        connectionString: devConnectionString(port),
        stop: () => terminate(child, options.location !== undefined),
        restart: async () => {
          await terminate(child, options.location !== undefined);
          child = await launch(port, options.location);
        },
      };
    } catch (error) {
      // Another process may have taken the port between probing and binding: try a fresh one.
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new StoreError('Azurite did not start');
}

/** The dev-account connection string for an Azurite table service on 127.0.0.1:`port`. */
export function devConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
}

type Service = 'table' | 'queue';

function serviceEntry(service: Service): string {
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', service, 'main.js');
}

/** A running in-memory Azurite queue service on 127.0.0.1 (the tenant fan-out queue in tests and the demo). */
export interface AzuriteQueues {
  port: number;
  /** `http://127.0.0.1:<port>/devstoreaccount1`. */
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts Azurite's queue service like the table one: its own process, memory only, telemetry off. */
export async function startAzuriteQueues(): Promise<AzuriteQueues> {
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    try {
      const child = await launch(port, undefined, 'queue');
      return { port, endpoint: `http://127.0.0.1:${port}/devstoreaccount1`, stop: () => terminate(child) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new StoreError('Azurite queue service did not start');
}

/** A dev-account connection string reaching both the table service and the queue service. */
export function withQueueEndpoint(tableConnectionString: string, queues: AzuriteQueues): string {
  return `${tableConnectionString.replace(/;?$/, ';')}QueueEndpoint=${queues.endpoint};`;
}

/** Loads Azurite's entry with the real argv; exits when the parent's stdin pipe closes. */
const WRAPPER = [
  "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0));",
  'process.stdin.resume();',
  'const [entry, ...rest] = process.argv.slice(1);',
  'process.argv = [process.argv[0], entry, ...rest];',
  'require(entry);',
].join('\n');

async function launch(port: number, location?: string, service: Service = 'table'): Promise<ChildProcess> {
  const args = [
    '-e',
    WRAPPER,
    serviceEntry(service),
    ...(location ? ['--location', location] : ['--inMemoryPersistence']),
    '--disableTelemetry',
    '--silent',
    `--${service}Host`,
    '127.0.0.1',
    `--${service}Port`,
    String(port),
  ];
  // cwd is the temp dir: Azurite checks its workspace folder even when persisting nothing.
  const child = spawn(process.execPath, args, { cwd: tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    await ready(child, port, service);
    return child;
  } catch (error) {
    await terminate(child);
    throw error;
  }
}

function ready(child: ChildProcess, port: number, service: Service): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (READY_LINE.test(output)) done();
    };
    const onExit = (code: number | null): void => fail(`exited with code ${code} before it was ready`);
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
    }
    function done(): void {
      cleanup();
      resolve();
    }
    function fail(reason: string): void {
      cleanup();
      const tail = output.trim().split('\n').slice(-2).join(' | ');
      reject(
        new StoreError(`Azurite ${service} service on port ${port} ${reason}${tail ? `: ${tail}` : ''}`),
      );
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * Stops the child. With persistence, SIGINT first: Azurite then closes its database, which writes it to
 * disk (its autosave only runs every 5 s); then the wrapper is ended like the in-memory one.
 */
async function terminate(child: ChildProcess, flush = false): Promise<void> {
  if (flush && child.exitCode === null && child.signalCode === null) {
    const closed = waitForOutput(child, 'successfully closed', STOP_GRACE_MS);
    child.kill('SIGINT');
    await closed;
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** Resolves when the child prints `text` or exits, or after `timeoutMs`, whichever comes first. */
function waitForOutput(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let output = '';
    const finish = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', finish);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-1000);
      if (output.includes(text)) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', finish);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new StoreError('could not pick a free port');
  return address.port;
}
