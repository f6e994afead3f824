import { resolve } from 'node:path';
import { DEFAULT_MAX_RECORD_BYTES } from '../audit/raw-item';
import { buildDirectory } from '../directory/build-directory';
import type { Directory } from '../directory/model';
import { readSnapshotFile } from '../directory/snapshot-file';
import { InputError } from '../errors';
import { chainFindings } from '../rules/chain-findings';
import { classify } from '../rules/classify';
import type { Finding } from '../rules/finding';
import { rules as catalog } from '../rules/index';
import { atLeast, severityRank } from '../severity';
import { choiceArg, parseCommandArgs, severityArg } from './args';
import { byteSizeArg, formatBytes } from './byte-size';
import { findingsJsonChunks, findingsJsonLineChunks } from './format-findings-json';
import { formatFindingsTable } from './format-findings-table';
import { terminalAuditText, terminalText } from './format-terminal-text';
import { type CliIo, type Command, EXIT, UsageError } from './io';
import { rulesConfigFromEnv } from './rules-config';
import { checkInput, type InputSummary, type ScanEvents, scanDeferred, scanInput } from './scan-input';

export const SCAN_HELP = `Usage: tapwatch scan [FILE|-]... [options]

Scans exported Entra audit logs offline for Temporary Access Pass issuance and prints one finding
per TAP, with what followed it. Each FILE may be a JSON array, a saved Graph page {"value":[...]},
an Azure Monitor export {"records":[...]} or JSON Lines, of Graph directoryAudit records, Log
Analytics AuditLogs rows or Azure Monitor diagnostic records; or an Entra admin center Audit logs
download (JSON or CSV).
No FILE, or -, reads stdin.

Sign-in exports are read too, in the same files or separate ones: Graph signIn objects (beta, with
authenticationDetails), Log Analytics SigninLogs rows (AuthenticationDetails as JSON text) and Azure
Monitor SignInLogs records. Every input is read before anything is judged, so files may come in any
order: the chain records that follow a TAP (a sign-in with the TAP, a method registered or deleted,
a device credential added, a PIM role activation) are linked to the TAP of the same account, and the
chain rules (tap-signin, tap-method-registered, tap-persistence, tap-victim-methods-removed,
tap-role-activated, tap-bulk-issuance) raise its severity and give it a timeline, as the detection
cycle does. Chain records in a file are read a second time, by position, only when they name the
account of a TAP; from stdin they are parsed as they come.

Options:
  --directory FILE      role data from "tapwatch snapshot --out FILE"; without it, rules that need roles
                        cannot run and privileged targets are under-rated (the output says so)
  --format FORMAT       table (default), json (an array of findings) or jsonl (one finding per line)
  --min-severity S      print only findings at or above S (informational|low|medium|high|critical)
  --fail-on S           exit 1 when any finding is at or above S; with no record read at all, exit 2
  --allow-empty         with --fail-on, let an input with no records pass (exit 0)
  --tenant-id ID        tenant id for finding ids (default: from the records, else "offline")
  --max-record-bytes N  largest record read, e.g. 64MB (default 16MB, range 1KB to 256MB); a JSON Lines
                        line or JSON value over it is skipped unread and reported with its position
  -h, --help            show this help

Rule settings come from the same variables as the function app, when set: PRIVILEGED_ROLE_IDS,
SYNC_ACCOUNT_PATTERNS, ALLOWED_TAP_APP_IDS, MAX_TAP_LIFETIME_MINUTES (default 480).
Exit 0 ok, 1 when --fail-on is hit, 2 on bad usage or unreadable input. Malformed records and records
over the size limit are skipped: each input's count and first positions go to stderr, and the table's
summary line says how many were skipped and why.`;

const FORMATS = ['table', 'json', 'jsonl'] as const;
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/;
/** `--max-record-bytes` bounds: below 1 KB no real record fits; above 256 MB one record's text and parse exhaust a default heap. */
const RECORD_BYTES_RANGE: [number, number] = [1024, 256 * 1024 * 1024];

/** `tapwatch scan`: stream inputs → normalize → classify → print findings (docs/scan.md). */
export const scanCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs('scan', args, {
    directory: { type: 'string' },
    format: { type: 'string' },
    'min-severity': { type: 'string' },
    'fail-on': { type: 'string' },
    'tenant-id': { type: 'string' },
    'max-record-bytes': { type: 'string' },
    'allow-empty': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return write(io, `${SCAN_HELP}\n`).then(() => EXIT.ok);
  const format = choiceArg(values.format, '--format', FORMATS, 'table');
  const minSeverity = severityArg(values['min-severity'], '--min-severity', 'informational');
  const failOn =
    values['fail-on'] === undefined ? undefined : severityArg(values['fail-on'], '--fail-on', 'high');
  const maxRecordBytes = byteSizeArg(
    values['max-record-bytes'],
    '--max-record-bytes',
    DEFAULT_MAX_RECORD_BYTES,
    RECORD_BYTES_RANGE,
  );
  const tenantArg = values['tenant-id'];
  if (tenantArg !== undefined && !TENANT_ID.test(tenantArg)) {
    throw new UsageError('--tenant-id must be a tenant GUID or domain name');
  }
  const inputs = positionals.length > 0 ? positionals : ['-'];
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const config = rulesConfigFromEnv(io.env);
  const regular: boolean[] = [];
  for (const input of inputs) regular.push(await checkInput(input, io));

  const now = new Date();
  let directory: Directory | undefined;
  let snapshotTenant: string | undefined;
  if (values.directory !== undefined) {
    const snapshot = await readDirectoryFile(values.directory, io);
    directory = buildDirectory(snapshot, { ...config, now });
    if ('tenantId' in snapshot) snapshotTenant = snapshot.tenantId;
  }

  const events: ScanEvents = { taps: [], chain: [] };
  const summaries: InputSummary[] = [];
  for (const [k, input] of inputs.entries()) {
    summaries.push(await scanInput(input, regular[k] === true, io, events, { maxRecordBytes }));
  }
  // Every input is read before chain records are judged: a sign-in file given before its audit file
  // still links. Then the chain-only records that name a TAP's target are read again and parsed.
  for (const summary of summaries) {
    await scanDeferred(summary, events.taps, events);
    if (summary.firstMalformed) await write(io, malformedLine(summary), io.stderr);
    if (summary.tooLarge > 0) await write(io, tooLargeLine(summary, maxRecordBytes), io.stderr);
  }
  const tenantId = (
    tenantArg ??
    summaries.find((s) => s.tenantId)?.tenantId ??
    snapshotTenant ??
    'offline'
  ).toLowerCase();
  const classified = classify(events.taps, { tenantId, now, directory, config });
  const chained = chainFindings(classified.findings, events.chain, config, now);
  const findings = chained.findings;
  const errors = [
    ...classified.errors.map((e) => ({ ...e, on: 'audit record' })),
    ...chained.errors.map((e) => ({ ...e, on: 'finding' })),
  ];
  for (const error of errors.slice(0, 5)) {
    await write(
      io,
      `tapwatch: rule ${error.ruleId} failed on ${error.on} ${terminalAuditText(error.auditId, 120)}: ${terminalAuditText(error.message, 200)}\n`,
      io.stderr,
    );
  }

  const shown = findings.filter((f) => atLeast(f.severity, minSeverity)).sort(chronological);
  const records = summaries.reduce((n, s) => n + s.records, 0);
  const context = `${records} records in ${inputs.length} input${inputs.length === 1 ? '' : 's'}, ${events.taps.length} TAP events${chainNote(events.chain.length)}${skippedNote(summaries, maxRecordBytes)}`;
  const output =
    format === 'json'
      ? findingsJsonChunks(shown)
      : format === 'jsonl'
        ? findingsJsonLineChunks(shown)
        : [formatFindingsTable(shown, context)];
  await writeBatched(io, output);
  if (format === 'table' && directory === undefined && events.taps.length > 0) {
    await write(io, `\n${noDirectoryNote()}\n`);
  }
  if (failOn !== undefined && records === 0 && !values['allow-empty']) {
    // An empty export would pass any threshold: a pipeline gate must not read that as "all clear".
    await write(
      io,
      `tapwatch: --fail-on ${failOn}: no audit records were read (empty input?); pass --allow-empty if that is expected\n`,
      io.stderr,
    );
    return EXIT.usage;
  }
  const failed = failOn !== undefined && findings.some((f) => atLeast(f.severity, failOn));
  return failed ? EXIT.failOn : EXIT.ok;
};

/**
 * What a scan without role data could not check, for the table (JSON findings carry it in `notes`):
 * the rules that need the directory, and how the others degraded.
 */
export function noDirectoryNote(): string {
  const skipped = catalog.filter((r) => r.needsDirectory).map((r) => r.id);
  return [
    `No directory data (--directory not given): ${skipped.join(', ')} could not run,`,
    'tap-initiator-not-authorized caught self-issued TAPs only, tap-sync-account matched names only.',
    'Severities may be under-rated: run "tapwatch snapshot --out roles.json" and scan with --directory roles.json.',
  ].join('\n');
}

/** Reads `--directory` relative to the command's cwd; errors name the file as the user wrote it. */
async function readDirectoryFile(given: string, io: CliIo) {
  const path = resolve(io.cwd, given);
  try {
    return await readSnapshotFile(path);
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(error.message.replaceAll(path, given), { cause: error });
    throw error;
  }
}

function malformedLine(s: InputSummary): string {
  const first = s.firstMalformed;
  const id = first?.recordId ? `, audit id ${terminalAuditText(first.recordId, 120)}` : '';
  const where = first ? ` (first at line ${first.position.line}${id}: ${first.reason})` : '';
  return `tapwatch: skipped ${s.malformed} malformed record${s.malformed === 1 ? '' : 's'} in ${terminalText(s.name, 200)}${where}\n`;
}

function tooLargeLine(s: InputSummary, limit: number): string {
  const n = s.tooLarge;
  const where = s.tooLargeAt
    .map((t) => `line ${t.position.line} at byte ${t.position.byte}: ${formatBytes(t.bytes)}`)
    .join('; ');
  const more = n > s.tooLargeAt.length ? `; ${n - s.tooLargeAt.length} more` : '';
  return `tapwatch: skipped ${n} record${n === 1 ? '' : 's'} over the ${formatBytes(limit)} record limit in ${terminalText(s.name, 200)}, unread (${where}${more}); --max-record-bytes raises the limit\n`;
}

/** `; skipped 1 over the 16 MB record limit, 2 malformed`: what the findings could not see, and why. */
function skippedNote(summaries: readonly InputSummary[], limit: number): string {
  const tooLarge = summaries.reduce((n, s) => n + s.tooLarge, 0);
  const malformed = summaries.reduce((n, s) => n + s.malformed, 0);
  const parts = [
    ...(tooLarge > 0 ? [`${tooLarge} over the ${formatBytes(limit)} record limit`] : []),
    ...(malformed > 0 ? [`${malformed} malformed`] : []),
  ];
  return parts.length > 0 ? `; skipped ${parts.join(', ')}` : '';
}

/**
 * `, 3 chain events`: the chain records parsed (those naming the pass, such as TAP sign-ins and
 * deletions, and the others that name a TAP's account); nothing when there were none.
 */
function chainNote(n: number): string {
  return n === 0 ? '' : `, ${n} chain event${n === 1 ? '' : 's'}`;
}

/** Oldest first, then most severe, then id: stable output for diffs and tests. */
function chronological(a: Finding, b: Finding): number {
  const ta = Date.parse(a.activityDateTime);
  const tb = Date.parse(b.activityDateTime);
  return (
    (ta || 0) - (tb || 0) || severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id)
  );
}

/** Writes text pieces in ~64 KB batches, waiting on each: output memory stays small however many findings. */
async function writeBatched(io: CliIo, pieces: Iterable<string>): Promise<void> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= 65_536) {
      await write(io, batch);
      batch = '';
    }
  }
  if (batch !== '') await write(io, batch);
}

/** Writes and waits until the stream took it, so large outputs respect back-pressure. */
function write(io: CliIo, text: string, stream = io.stdout): Promise<void> {
  return new Promise((resolveWrite, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolveWrite()));
  });
}
