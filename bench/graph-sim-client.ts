import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { AuditCoverage } from '../src/sim/graph-simulator-audits';
import type { BenchTenantInfo, BenchTenantSpec } from './bench-tenant';
import type { CoverageQuery, SimCommand } from './graph-sim-process';

/** Server-side view of the simulator process: requests it answered and CPU it spent. */
export interface SimCounts {
  /** HTTP requests per path since the last reset. */
  counts: Record<string, number>;
  /** Requests carried inside `$batch` calls, per path. */
  batched: Record<string, number>;
  /** CPU (user + system) the simulator process has used since it started, in milliseconds. */
  cpuMs: number;
}

export interface CoverageAnswer extends AuditCoverage {
  /** Records whose publish time is in [publishedFrom, publishedTo). */
  publishedInSpan: number;
  /** Records served since the tenant was set. */
  downloaded: number;
}

/** The HTTPS Graph simulator running in a child process (see `graph-sim-process.ts`). */
export interface SimProcess {
  readonly baseUrl: string;
  /** Self-signed certificate (PEM) the Graph client must trust. */
  readonly ca: string;
  /** Bearer token the simulator requires; random per run, never printed. */
  readonly token: string;
  /** Serves a new tenant built in the child from `spec`. */
  setTenant(spec: BenchTenantSpec): Promise<BenchTenantInfo>;
  counts(): Promise<SimCounts>;
  resetCounts(): Promise<void>;
  /** Sets the simulator's clock: only records published by `now` are served. */
  setClock(now: Date): Promise<void>;
  /** Served versus published records (see the `coverage` command). */
  coverage(query: CoverageQuery): Promise<CoverageAnswer>;
  close(): Promise<void>;
}

/** Starts the simulator process from the compiled `dist/bench` and waits until it listens. */
export async function startSimProcess(): Promise<SimProcess> {
  const script = join(__dirname, 'graph-sim-process.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  // A 1M-user tenant with two days of records holds about 1.5 GB of objects in the simulator.
  const child = spawn(process.execPath, ['--max-old-space-size=8192', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const replies = lines[Symbol.asyncIterator]();
  let queue = Promise.resolve();
  const call = <T>(command: SimCommand): Promise<T> => {
    // One request at a time: answers come back in order on one stream.
    const result = queue.then(() => exchange<T>(child, replies, command));
    queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
  const token = randomBytes(18).toString('base64url');
  try {
    const { baseUrl, ca } = await call<{ baseUrl: string; ca: string }>({ op: 'start', token });
    return {
      baseUrl,
      ca,
      token,
      setTenant: (spec) => call<BenchTenantInfo>({ op: 'tenant', spec }),
      counts: () => call<SimCounts>({ op: 'counts' }),
      resetCounts: () => call<void>({ op: 'reset' }),
      setClock: (now) => call<void>({ op: 'clock', now: now.toISOString() }),
      coverage: (query) => call<CoverageAnswer>({ op: 'coverage', ...query }),
      close: () => stop(child, lines),
    };
  } catch (error) {
    await stop(child, lines);
    throw error;
  }
}

async function exchange<T>(
  child: ChildProcess,
  replies: AsyncIterator<string>,
  command: SimCommand,
): Promise<T> {
  child.stdin?.write(`${JSON.stringify(command)}\n`);
  const next = await replies.next();
  if (next.done) throw new Error(`simulator process exited during ${command.op}`);
  const reply = JSON.parse(next.value) as { ok: true; result: T } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`simulator process: ${command.op} failed: ${reply.error}`);
  return reply.result;
}

/** Closing stdin asks the child to close its server and exit; it is killed if it does not. */
async function stop(child: ChildProcess, lines: Interface): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  lines.close();
}
