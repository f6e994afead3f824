import { basename } from 'node:path';
import type { CycleSummary } from '../cycle-summary';
import type { TenantSnapshot } from '../directory/snapshot';
import type { Finding } from '../rules/finding';
import { severityRank } from '../severity';
import type { ReceivedAlert } from '../sim/alert-receiver';
import type { StoredFinding } from '../store/store';
import { formatCardText } from './format-card-text';
import { formatFindingsTable } from './format-findings-table';
import { formatSummary } from './format-summary';
import { terminalAuditText, terminalText } from './format-terminal-text';

export interface DemoReport {
  file: string;
  tenant: TenantSnapshot;
  stored: StoredFinding[];
  alerts: ReceivedAlert[];
  summaries: CycleSummary[];
}

/**
 * A triage screen: findings most severe first, each with a short reason and where its alert went; the
 * alerts counted per finding and per channel; the Teams card of the most severe alerted finding as the
 * local workflow received it; then what each cycle did.
 */
export function formatDemoReport(report: DemoReport): string {
  const { tenant, alerts, summaries } = report;
  const stored = [...report.stored].sort(bySeverityThenTime);
  const perFinding = groupAlerts(alerts);
  const out: string[] = [
    `tapwatch demo: ${basename(report.file)} (${tenant.users.length} users, ${tenant.directoryAudits.length} audit records), ` +
      `${summaries.length} cycle${summaries.length === 1 ? '' : 's'} one hour apart`,
    '',
    ...escalations(stored),
    `FINDINGS (${stored.length}) stored in Table Storage, most severe first`,
    formatFindingsTable(
      stored.map((s) => s.finding),
      undefined,
      stored.map((s) => alertCell(s, perFinding.get(s.finding.id) ?? [], report.stored)),
    ).trimEnd(),
    '',
    ...alertLines(stored, alerts, perFinding),
    '',
    ...cardLines(stored, perFinding),
    '',
    'CYCLES',
    formatSummary(summaries).trimEnd(),
    '',
  ];
  return `${out.join('\n')}\n`;
}

/**
 * Findings whose severity rose after they were alerted (docs/alerts.md), first because they matter most: each
 * with the timeline of records that built it.
 */
function escalations(stored: StoredFinding[]): string[] {
  const risen = stored.filter((s) => s.finding.escalation);
  if (risen.length === 0) return [];
  const out = [`ESCALATIONS (${risen.length}): findings whose severity rose after they were alerted`];
  for (const { finding } of risen) {
    out.push(
      `  ${finding.severity.padEnd(10)}${terminalAuditText(finding.title, 72)} (was ${finding.escalation?.from ?? '?'})`,
    );
    for (const entry of finding.timeline ?? []) {
      out.push(
        `    ${entry.time.slice(11, 16)} UTC  ${entry.kind.padEnd(18)} ${terminalAuditText(entry.summary, 70)}`,
      );
    }
  }
  out.push('');
  return out;
}

/** Most severe first; within a severity, newest activity first (what an analyst opens next). */
function bySeverityThenTime(a: StoredFinding, b: StoredFinding): number {
  return (
    severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
    (Date.parse(b.finding.activityDateTime) || 0) - (Date.parse(a.finding.activityDateTime) || 0) ||
    a.finding.id.localeCompare(b.finding.id)
  );
}

function groupAlerts(alerts: readonly ReceivedAlert[]): Map<string, ReceivedAlert[]> {
  const perFinding = new Map<string, ReceivedAlert[]>();
  for (const alert of alerts) {
    const id = alertFindingId(alert);
    perFinding.set(id, [...(perFinding.get(id) ?? []), alert]);
  }
  return perFinding;
}

/** Where one finding's alerts went: `teams, webhook`, `teams x2` after an escalation, or why none went. */
function alertCell(s: StoredFinding, received: ReceivedAlert[], all: readonly StoredFinding[]): string {
  const counts = new Map<string, number>();
  for (const alert of received) counts.set(alert.channel, (counts.get(alert.channel) ?? 0) + 1);
  const invalid = received.some((a) => a.channel === 'webhook' && a.signatureValid === false);
  const sent = [...counts].map(([channel, n]) => `${channel}${n > 1 ? ` x${n}` : ''}`).join(', ');
  if (sent)
    return `${sent}${invalid ? ' (SIGNATURE INVALID)' : ''}${s.alertStatus === 'pending' ? ' (pending)' : ''}`;
  if (s.alertStatus === 'suppressed') {
    const first = all.find((o) => o.finding.id === s.suppressedBy)?.finding;
    return `suppressed: repeat${first ? ` of ${formatClock(first.activityDateTime)}` : ''}`;
  }
  if (s.alertStatus === 'below-threshold') return 'below threshold';
  return s.alertStatus === 'pending' ? 'pending' : '';
}

/** Alerts per finding and per channel, and why the other findings sent none. */
function alertLines(
  stored: readonly StoredFinding[],
  alerts: readonly ReceivedAlert[],
  perFinding: Map<string, ReceivedAlert[]>,
): string[] {
  const alerted = stored.filter((s) => (perFinding.get(s.finding.id)?.length ?? 0) > 0).length;
  const out = [
    `ALERTS: ${alerted} finding${alerted === 1 ? '' : 's'} alerted, ${alerts.length} channel deliver${alerts.length === 1 ? 'y' : 'ies'} received by the local receivers`,
  ];
  const channels = [...new Set(alerts.map((a) => a.channel))].sort();
  for (const channel of channels) {
    const got = alerts.filter((a) => a.channel === channel);
    const findings = new Set(got.map(alertFindingId)).size;
    const detail =
      channel === 'webhook'
        ? `${got.filter((a) => a.signatureValid === true).length} of ${got.length} signatures valid`
        : channel === 'teams'
          ? 'Adaptive Cards, answered 202 (accepted)'
          : '';
    out.push(
      `  ${terminalText(channel, 20).padEnd(8)} ${got.length} for ${findings} finding${findings === 1 ? '' : 's'}${detail ? `: ${detail}` : ''}`,
    );
  }
  if (alerts.length === 0) out.push('  (none received)');
  const suppressed = stored.filter((s) => s.alertStatus === 'suppressed').length;
  const quiet = stored.filter((s) => s.alertStatus === 'below-threshold').length;
  const pending = stored.filter((s) => s.alertStatus === 'pending').length;
  const notes = [
    suppressed
      ? `${suppressed} suppressed (same target, initiator and rules alerted within DEDUP_WINDOW_HOURS)`
      : '',
    quiet ? `${quiet} below ALERT_MIN_SEVERITY, stored without an alert` : '',
    pending ? `${pending} still pending (retried next cycle)` : '',
  ].filter(Boolean);
  for (const note of notes) out.push(`  ${note}`);
  return out;
}

/** The Teams card of the most severe finding that has one, rendered from the JSON the workflow received. */
function cardLines(stored: readonly StoredFinding[], perFinding: Map<string, ReceivedAlert[]>): string[] {
  for (const s of stored) {
    const card = (perFinding.get(s.finding.id) ?? []).find((a) => a.channel === 'teams');
    if (!card) continue;
    return [
      `TEAMS CARD of the most severe alert (${s.finding.severity}), as the workflow received it`,
      '  ┌',
      ...formatCardText(card.body).map((line) => (line ? `  │ ${line}` : '  │')),
      '  └',
    ];
  }
  return ['TEAMS CARD: no card was received (no finding reached the Teams channel)'];
}

/** `17:09 UTC` of a logged time; the text made safe when it is not a date. */
function formatClock(logged: string): string {
  const ms = Date.parse(logged);
  return Number.isNaN(ms) ? terminalText(logged, 20) : `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** The finding an alert carried: the webhook body is the finding; the Teams card lists its id as a fact. */
export function alertFindingId(alert: ReceivedAlert): string {
  const body = alert.body as Partial<Finding> | undefined;
  if (alert.channel === 'webhook' && typeof body?.id === 'string') return body.id;
  return cardLineValue(alert.body, 'Finding id') ?? '';
}

/** The value run after a `Label: ` run in a card's RichTextBlock lines, searched through the whole message. */
function cardLineValue(node: unknown, label: string): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = cardLineValue(item, label);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const { type, inlines } = node as { type?: unknown; inlines?: unknown };
  if (type === 'RichTextBlock' && Array.isArray(inlines)) {
    const [first, second] = inlines as Array<{ text?: unknown }>;
    if (first?.text === `${label}: ` && typeof second?.text === 'string') return second.text;
  }
  return cardLineValue(Object.values(node), label);
}

/** `<finding id> <channel>`: the key under which an alert counts as delivered once to one channel. */
export function formatAlertChannel(alert: ReceivedAlert): string {
  return `${alertFindingId(alert)} ${alert.channel}`;
}
