import { basename } from 'node:path';
import type { CycleSummary } from '../cycle-summary';
import type { TenantSnapshot } from '../directory/snapshot';
import type { Finding } from '../rules/finding';
import type { ReceivedAlert } from '../sim/alert-receiver';
import type { StoredFinding } from '../store/store';
import { formatFindingsTable } from './format-findings-table';
import { formatSummary } from './format-summary';
import { terminalText } from './format-terminal-text';

export interface DemoReport {
  file: string;
  tenant: TenantSnapshot;
  stored: StoredFinding[];
  alerts: ReceivedAlert[];
  summaries: CycleSummary[];
}

/** One screen: what was found, what reached each channel and why some did not, and what each cycle did. */
export function formatDemoReport(report: DemoReport): string {
  const { tenant, stored, alerts, summaries } = report;
  const out: string[] = [];
  out.push(
    `tapwatch demo: ${basename(report.file)} (${tenant.users.length} users, ${tenant.directoryAudits.length} audit records), ` +
      `${summaries.length} cycle${summaries.length === 1 ? '' : 's'} one hour apart`,
    '',
    ...escalations(stored),
    `FINDINGS (${stored.length}) stored in Table Storage`,
    formatFindingsTable(stored.map((s) => s.finding)).trimEnd(),
    '',
    'ALERTS received by the local Teams workflow and webhook consumer',
  );
  const byId = new Map(stored.map((s) => [s.finding.id, s.finding]));
  const perFinding = new Map<string, ReceivedAlert[]>();
  for (const alert of alerts) {
    const key = `${alertFindingId(alert)}${alertIsEscalation(alert) ? '\nescalated' : ''}`;
    perFinding.set(key, [...(perFinding.get(key) ?? []), alert]);
  }
  for (const [key, received] of perFinding) {
    const [id = '', escalated] = key.split('\n');
    const finding = byId.get(id);
    const channels = received
      .map((a) =>
        a.channel === 'webhook'
          ? `webhook ${a.signatureValid ? '(signature ok)' : '(SIGNATURE INVALID)'}`
          : a.channel,
      )
      .join(', ');
    const title = finding ? terminalText(finding.title, 72) : `(unknown finding ${terminalText(id, 40)})`;
    const label = escalated ? 'escalated' : (finding?.severity ?? '');
    out.push(`  ${label.padEnd(10)}${title.padEnd(73)} -> ${channels}`);
  }
  if (alerts.length === 0) out.push('  (none)');
  const suppressed = stored.filter((s) => s.alertStatus === 'suppressed');
  for (const s of suppressed) {
    const first = byId.get(s.suppressedBy ?? '');
    out.push(
      `  suppressed: ${terminalText(s.finding.title, 60)} (same target, initiator and rules alerted within the dedup window` +
        `${first ? ` at ${first.activityDateTime.slice(11, 16)} UTC` : ''})`,
    );
  }
  const quiet = stored.filter((s) => s.alertStatus === 'below-threshold').length;
  if (quiet > 0)
    out.push(`  ${quiet} finding${quiet === 1 ? '' : 's'} below ALERT_MIN_SEVERITY stored without an alert`);
  out.push('', 'CYCLES', formatSummary(summaries).trimEnd(), '');
  return `${out.join('\n')}\n`;
}

/**
 * Findings whose severity rose after they were alerted (DESIGN §8), first because they matter most: each
 * with the timeline of records that built it.
 */
function escalations(stored: StoredFinding[]): string[] {
  const risen = stored.filter((s) => s.finding.escalation);
  if (risen.length === 0) return [];
  const out = [`ESCALATIONS (${risen.length}): findings whose severity rose after they were alerted`];
  for (const { finding } of risen) {
    const e = finding.escalation;
    out.push(`  ${finding.severity.padEnd(10)}${terminalText(finding.title, 72)} (was ${e?.from ?? '?'})`);
    for (const entry of finding.timeline ?? []) {
      out.push(
        `    ${entry.time.slice(11, 16)} UTC  ${entry.kind.padEnd(18)} ${terminalText(entry.summary, 70)}`,
      );
    }
  }
  out.push('');
  return out;
}

/** True when the alert announced an escalation: the webhook body says so, the Teams card's header too. */
export function alertIsEscalation(alert: ReceivedAlert): boolean {
  const body = alert.body as Partial<Finding> | undefined;
  if (alert.channel === 'webhook')
    return body?.escalation !== undefined && body.escalation.to === body.severity;
  return JSON.stringify(alert.body ?? '').includes('Escalated from');
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
