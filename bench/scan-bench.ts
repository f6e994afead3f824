import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BYTES_PER_RANGE } from '../src/audit/read-file';
import { packageRoot } from '../src/package-root';
import { median as medianOfNumbers } from './cycle-harness';
import { GENERATOR_VERSION, generate, graphPage } from './scan-corpus';
import type { BenchSection } from './section';

/**
 * `tapwatch scan` over generated JSON Lines against `jq` selecting TAP records from the same file
 *: wall time, the ratio, and the scan's peak RSS at each size to show memory stays flat.
 */

const JQ_FILTER =
  'select(.loggedByService=="Authentication Methods" and (.resultReason|test("temporary access pass";"i")))';
const SCAN_ARGS = ['scan', '--format', 'jsonl'];
/** Old-generation cap for the bounded-heap run, in MB (`node --max-old-space-size`). */
const HEAP_CAP_MB = 64;

export interface ScanBenchOptions {
  /** Record counts to generate and scan; default 200k and 1M. */
  sizes?: number[];
  /**
   * Another build of tapwatch (a package directory with `dist/src/cli/main.js`, e.g. a worktree of an
   * older commit): its scan runs on the same files, interleaved with this one, and the ratios are reported.
   */
  baseline?: string;
}

interface Measurement {
  seconds: number;
  /** User + system CPU seconds of the process (all its threads), when `/usr/bin/time` is there. */
  cpuSeconds?: number;
  /** Peak resident set size in MB, when it could be measured. */
  peakRssMb?: number;
  outputLines: number;
}

/**
 * Runs of each build per size when comparing with a baseline: on two shared cores one run in three or four
 * is off by 5–10 %, which a median of three still shows.
 */
const BASELINE_RUNS = 7;

export async function run(options: ScanBenchOptions = {}): Promise<BenchSection> {
  const sizes = options.sizes ?? [200_000, 1_000_000];
  const root = packageRoot();
  const main = join(root, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const tmp = join(root, 'bench', 'tmp');
  mkdirSync(tmp, { recursive: true });
  const jq = ensureJq();
  const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const scan = (files: string[], nodeFlags: string[] = []) =>
    measure(process.execPath, [...nodeFlags, main, ...SCAN_ARGS, ...files], tmp, timeTool);
  const scanMedian = async (files: string[]) =>
    median([await scan(files), await scan(files), await scan(files)]);
  const baselineMain = options.baseline ? join(options.baseline, 'dist', 'src', 'cli', 'main.js') : undefined;
  if (baselineMain && !existsSync(baselineMain))
    throw new Error(`${baselineMain} is missing: build the baseline first`);
  const rows: string[] = [];
  const figures: Record<string, number | string> = {};
  const baselineRows: string[] = [];
  /** Scans `file` with both builds, interleaved so drift (other load, frequency) falls on both alike. */
  const againstBaseline = async (label: string, file: string, key = label) => {
    if (!baselineMain) return;
    const ours: Measurement[] = [];
    const theirs: Measurement[] = [];
    for (let k = 0; k < BASELINE_RUNS; k++) {
      ours.push(await scan([file]));
      theirs.push(await measure(process.execPath, [baselineMain, ...SCAN_ARGS, file], tmp, timeTool));
    }
    const [a, b] = [median(ours), median(theirs)];
    const [cpuA, cpuB] = [medianCpu(ours), medianCpu(theirs)];
    figures[`baseline_scan_${key}_s`] = round(b.seconds);
    figures[`scan_over_baseline_${key}`] = round(a.seconds / b.seconds);
    if (cpuA !== undefined && cpuB !== undefined)
      figures[`scan_cpu_over_baseline_${key}`] = round(cpuA / cpuB);
    baselineRows.push(
      `| ${label} | ${a.seconds.toFixed(2)} | ${b.seconds.toFixed(2)} | ${(a.seconds / b.seconds).toFixed(2)}× | ` +
        `${cpuA?.toFixed(2) ?? 'n/a'} | ${cpuB?.toFixed(2) ?? 'n/a'} | ${cpuA && cpuB ? `${(cpuA / cpuB).toFixed(2)}×` : 'n/a'} | ` +
        `${a.outputLines} | ${b.outputLines} |`,
    );
  };
  const none = ['–', '–', '–'];

  const files: string[] = [];
  for (const size of sizes) {
    const file = await generate(join(tmp, `audit-${size}-v${GENERATOR_VERSION}.jsonl`), size);
    files.push(file);
    const scanned = await scanMedian([file]);
    const jqRun = jq ? await measure('jq', ['-c', JQ_FILTER, file], tmp, timeTool) : undefined;
    const label = sizeLabel(size);
    const ratio = jqRun ? jqRun.seconds / scanned.seconds : undefined;
    figures[`scan_${label}_s`] = round(scanned.seconds);
    figures[`jq_${label}_s`] = jqRun ? round(jqRun.seconds) : 'jq not installed';
    if (ratio !== undefined) figures[`jq_over_scan_${label}`] = round(ratio, 1);
    if (scanned.peakRssMb !== undefined) figures[`scan_peak_rss_${label}_mb`] = round(scanned.peakRssMb, 0);
    const jqCells = jqRun
      ? [jqRun.seconds.toFixed(2), `${(ratio ?? 0).toFixed(1)}×`, jqRun.peakRssMb?.toFixed(0) ?? 'n/a']
      : ['n/a', 'n/a (jq not installed)', 'n/a'];
    rows.push(row(label, statSync(file).size, scanned, jqCells, jqRun?.outputLines));
    if (baselineMain) await againstBaseline(label, file);
  }
  const [smallest, largest] = [files[0], files.at(-1)];
  const [smallSize, largeSize] = [sizes[0] ?? 0, sizes.at(-1) ?? 0];
  if (smallest !== undefined && baselineMain) {
    // The same records as one Graph page (`{"value":[…]}`): a JSON document, split by the other reader.
    const page = await graphPage(smallest, join(tmp, `page-${smallSize}-v${GENERATOR_VERSION}.json`));
    await againstBaseline(`${sizeLabel(smallSize)} as one Graph page`, page, `${sizeLabel(smallSize)}_page`);
  }
  if (smallest !== undefined && largest !== undefined) {
    // The smallest file five times: as many records as a file five times bigger, with the findings
    // of the small one (repeats merge), so the RSS shows what reading costs apart from findings held.
    const repeated = await scanMedian(Array(5).fill(smallest) as string[]);
    if (repeated.peakRssMb !== undefined) figures.scan_peak_rss_5x_smallest_mb = round(repeated.peakRssMb, 0);
    rows.push(
      row(
        `${sizeLabel(smallSize * 5)} (5 × ${sizeLabel(smallSize)})`,
        statSync(smallest).size * 5,
        repeated,
        none,
      ),
    );
    // The largest file with the V8 heap capped: completing shows the live heap stays under the cap.
    const label = `${sizeLabel(largeSize)}, heap capped at ${HEAP_CAP_MB} MB`;
    const capped = await scan([largest], [`--max-old-space-size=${HEAP_CAP_MB}`]).catch(() => undefined);
    figures[`scan_${sizeLabel(largeSize)}_heap_capped_${HEAP_CAP_MB}mb`] = capped ? 'completed' : 'failed';
    rows.push(
      capped
        ? row(label, statSync(largest).size, capped, none)
        : `| ${label} | failed: live heap over the cap |`,
    );
  }
  const markdown = [
    '| records | file MB | scan s (median of 3) | jq s | jq ÷ scan | jq peak RSS MB | scan peak RSS MB | findings | jq matches |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Input: generated Graph `directoryAudit` JSON Lines, about 1% TAP creations, the rest Authentication Methods',
    'traffic (registrations, deletions incl. TAP deletions, failures) and other services. Command:',
    `\`node dist/src/cli/main.js ${SCAN_ARGS.join(' ')} FILE\` versus`,
    `\`jq -c '${JQ_FILTER}' FILE\`, both writing to a file, page cache warm.`,
    `Peak RSS from ${timeTool ? '`/usr/bin/time -f %M`' : "the scan process's own resource usage"}. Scan memory does not grow`,
    'with the input: it holds TAP events and findings, never records. The "5 ×" row reads five times the records',
    'of the first row but keeps its findings; the capped run shows the live heap stays under the cap. RSS beyond',
    "that is V8's young generation and GC slack. jq matches also count TAP deletions and failed creations,",
    'which scan rightly does not report.',
    `A JSON Lines file of ${(2 * BYTES_PER_RANGE) / 2 ** 20} MB or more is read in ranges side by side (here up to ${Math.min(4, availableParallelism())},`,
    `as this machine has ${availableParallelism()} cores): the first on the main thread, each other on a thread of its own.`,
    'CPU time counts every thread.',
    ...(baselineMain
      ? [
          '',
          `### Against another build (\`${baselineCommit(options.baseline as string)}\`)`,
          '',
          `The same files scanned by both builds, runs interleaved, medians of ${BASELINE_RUNS}. Wall and CPU (user + system, all threads).`,
          '',
          '| records | this build s | baseline s | this ÷ baseline | this CPU s | baseline CPU s | CPU this ÷ baseline | findings | baseline findings |',
          '|---|---|---|---|---|---|---|---|---|',
          ...baselineRows,
        ]
      : []),
  ].join('\n');
  return { title: 'Offline scan versus jq', markdown, figures };
}

function row(label: string, bytes: number, scan: Measurement, jqCells: string[], jqMatches?: number): string {
  const cells = [label, (bytes / 1e6).toFixed(0), scan.seconds.toFixed(2), ...jqCells];
  cells.push(scan.peakRssMb?.toFixed(0) ?? 'n/a', String(scan.outputLines), String(jqMatches ?? '–'));
  return `| ${cells.join(' | ')} |`;
}

function sizeLabel(size: number): string {
  return size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
}

/** Runs a command with stdout to a file; wall time, output line count and peak RSS. */
async function measure(
  command: string,
  args: string[],
  tmp: string,
  timeTool?: string,
): Promise<Measurement> {
  const outFile = join(tmp, 'bench-output.txt');
  const out = openSync(outFile, 'w');
  const [cmd, argv] = timeTool
    ? [timeTool, ['-f', 'maxrss_kb=%M cpu_s=%U+%S', command, ...args]]
    : command === process.execPath
      ? [command, ['--require', rssReporter(tmp), ...args]]
      : [command, args];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { stdio: ['ignore', out, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(out);
  if (code !== 0) throw new Error(`${command} exited with ${code}: ${stderr.slice(0, 300)}`);
  const rss = /maxrss_kb=(\d+)/.exec(stderr)?.[1];
  const measurement: Measurement = {
    seconds,
    outputLines: readFileSync(outFile, 'latin1').split('\n').length - 1,
  };
  if (rss !== undefined) measurement.peakRssMb = Number(rss) / 1024;
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(stderr);
  if (cpu) measurement.cpuSeconds = Number(cpu[1]) + Number(cpu[2]);
  return measurement;
}

function median(runs: Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measurement;
}

/** Without `/usr/bin/time`: a preload that prints the node process's own peak RSS (KB) as it exits. */
function rssReporter(tmp: string): string {
  const file = join(tmp, 'report-maxrss.js');
  writeFileSync(
    file,
    "process.on('exit', () => process.stderr.write('maxrss_kb=' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  return file;
}

/** The median CPU seconds of `runs`, when every run measured it. */
function medianCpu(runs: Measurement[]): number | undefined {
  const cpu = runs.map((m) => m.cpuSeconds);
  return cpu.every((v) => v !== undefined) ? medianOfNumbers(cpu as number[]) : undefined;
}

/** The commit a baseline directory is at (a git worktree or clone), else the directory's name. */
function baselineCommit(dir: string): string {
  const head = spawnSync('git', ['-C', dir, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' });
  return head.status === 0 ? head.stdout.trim().slice(0, 90) : dir;
}

function round(n: number, digits = 2): number {
  return Number(n.toFixed(digits));
}

/** jq from PATH, else installed from Debian's packages (root only); false when neither works. */
function ensureJq(): boolean {
  const present = () => spawnSync('jq', ['--version'], { stdio: 'ignore' }).status === 0;
  if (present()) return true;
  if (process.getuid?.() !== 0) return false;
  process.stderr.write('jq is missing: installing it from Debian (apt-get install jq) …\n');
  const update = spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  if (update.status === 0)
    spawnSync('apt-get', ['install', '-y', 'jq'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  return present();
}
