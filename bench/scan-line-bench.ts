import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { packageRoot } from '../src/package-root';
import type { BenchSection } from './section';

/**
 * `tapwatch scan` fed one runaway record between two TAP creations, through stdin (generated as it is
 * written, never stored): its peak RSS at each record size, in JSON Lines and in a `{value:[…]}` page.
 * Memory must not follow the record's size: the record is skipped once it passes the 16 MB default
 * limit, and only its length is counted.
 */

const CHUNK = 1024 * 1024;
const TAP = JSON.stringify({
  id: 'Authentication Methods_bench_1',
  activityDateTime: '2026-11-20T08:00:00Z',
  activityDisplayName: 'Admin registered security info',
  resultReason: 'Admin registered temporary access pass method for user',
  result: 'success',
  initiatedBy: { user: { id: '11111111-1111-1111-1111-111111111111', userPrincipalName: 'a@contoso.com' } },
  targetResources: [
    { id: '22222222-2222-2222-2222-222222222222', type: 'User', userPrincipalName: 'b@contoso.com' },
  ],
});

export interface LineBenchOptions {
  /** Runaway record sizes in MB; default 64 and 1024. */
  sizesMb?: number[];
}

export async function run(options: LineBenchOptions = {}): Promise<BenchSection> {
  const sizes = options.sizesMb ?? [64, 1024];
  const main = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const figures: Record<string, number | string> = {};
  const rows: string[] = [];
  for (const shape of ['jsonl', 'page'] as const) {
    const peaks: number[] = [];
    for (const mb of sizes) {
      const { peakMb, findings, stderr } = await scanGenerated(main, shape, mb);
      peaks.push(peakMb);
      figures[`${shape}_${mb}mb_peak_rss_mb`] = Math.round(peakMb);
      rows.push(
        `| ${shape} | ${mb} | ${peakMb.toFixed(0)} | ${findings} | ${stderr.includes('record limit') ? 'yes' : 'NO'} |`,
      );
    }
    const ratio = (peaks.at(-1) ?? 0) / (peaks[0] ?? 1);
    figures[`${shape}_rss_ratio_largest_over_smallest`] = Number(ratio.toFixed(2));
  }
  const markdown = [
    '| shape | runaway record MB | scan peak RSS MB | findings (of 2) | reported as skipped |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Input: a TAP creation, one record of the given size (a long string, no TAP), a TAP creation, written to',
    '`node dist/src/cli/main.js scan --format jsonl` on stdin as it is generated. Peak RSS from `/usr/bin/time -f %M`.',
    'The ratio figures compare the largest and the smallest runaway record: near 1 means memory does not follow it.',
  ].join('\n');
  return { title: 'Offline scan with a runaway record', markdown, figures };
}

async function scanGenerated(main: string, shape: 'jsonl' | 'page', mb: number) {
  const child = spawn(
    '/usr/bin/time',
    ['-f', 'maxrss_kb=%M', process.execPath, main, 'scan', '--format', 'jsonl'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const [open, between, close] =
    shape === 'jsonl' ? [`${TAP}\n{"pad":"`, '"}\n', '\n'] : [`{"value":[${TAP},\n{"pad":"`, '"},\n', ']}\n'];
  await write(child.stdin, open);
  const filler = Buffer.alloc(CHUNK, 0x61);
  for (let i = 0; i < mb; i++) await write(child.stdin, filler);
  await write(
    child.stdin,
    `${between}${TAP.replace('bench_1', 'bench_2').replace('2222-2222', '3333-3333')}${close}`,
  );
  child.stdin.end();
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`scan exited with ${code}: ${stderr.slice(0, 300)}`);
  const rss = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  return { peakMb: rss / 1024, findings: stdout.trim().split('\n').filter(Boolean).length, stderr };
}

/** Writes and waits for the pipe to drain when it is full (the child's exit reports a broken pipe). */
async function write(stream: Writable, data: string | Buffer): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}
