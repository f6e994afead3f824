import type { Finding } from '../rules/finding';
import {
  ATTACK_ID,
  formatLifetime,
  formatRole,
  formatTime,
  limitList,
  RULE_ID,
  safeToken,
  severityLook,
} from './card-format';
import { isEscalation } from './escalation';
import { literalText, truncate } from './inert-text';

/** How much detail a card carries; the card builder steps down through levels of it until the card fits. */
export interface CardDetail {
  /** Longest attacker-controlled value shown, in characters. */
  chars: number;
  /** Most roles listed per principal before "and N more". */
  roles: number;
  /** Longest rule reason, triage step or note shown, in characters. */
  reasonChars: number;
  triage: number;
  auditIds: number;
  /** Most timeline entries shown (the newest are kept: they explain the escalation). */
  timeline: number;
}

type Element = Record<string, unknown>;

/** A label (tapwatch's own words) and the value shown after it; lines with an empty value are left out. */
type Line = [label: string, value: string];

/*
 * Where text goes: every value, and anything that quotes the audit log, is a TextRun inside a RichTextBlock,
 * which Teams shows literally (no Markdown). TextBlocks, which Teams reads as Markdown, carry only fixed
 * tapwatch wording: the severity line and the section headings. No FactSet is used, because Teams renders
 * Markdown in Fact values too.
 */

/** Most rules and notes a card lists; the rest are counted ("and 3 more rules"). */
const MAX_RULES = 12;
const MAX_NOTES = 3;

/**
 * The visible mark of a card that was cut to fit (tapwatch's own words, so a TextBlock may carry it): where
 * to find the whole finding, by the finding id the card always shows.
 */
export const TRUNCATED_NOTICE =
  'Truncated to fit the Teams card size limit: the findings API returns the whole finding by the finding id shown on this card.';

/** Everything an analyst needs at a glance, most important first; `truncated` adds the notice under the header. */
export function cardBody(finding: Finding, detail: CardDetail, truncated = false): Element[] {
  const notes = finding.notes ?? [];
  return [
    header(finding, detail),
    ...(truncated ? [notice()] : []),
    ...target(finding, detail),
    ...section('Issued by', initiatorLines(finding, detail)),
    ...section('Temporary Access Pass', tapLines(finding, detail)),
    ...timeline(finding, detail),
    ...rules(finding, detail),
    ...triage(finding, detail),
    ...notes
      .slice(0, MAX_NOTES)
      .map((n) => rich([run(literalText(n, detail.reasonChars), { isSubtle: true })])),
    ...more(notes.length - MAX_NOTES, 'note'),
    ...lines(referenceLines(finding, detail)),
  ];
}

/** What an alert cannot do without: severity, title, target and the finding id to look the rest up by. */
export function minimalBody(finding: Finding, detail: CardDetail): Element[] {
  return [
    header(finding, detail),
    notice(),
    ...target(finding, detail),
    ...lines([['Finding id', literalText(finding.id, 96)]]),
  ];
}

function notice(): Element {
  return { type: 'TextBlock', text: TRUNCATED_NOTICE, wrap: true, isSubtle: true, size: 'Small' };
}

/** `and N more <noun>s` as a subtle line, or nothing when nothing was left out. */
function more(count: number, noun: string): Element[] {
  if (count <= 0) return [];
  return [rich([run(`and ${count} more ${noun}${count === 1 ? '' : 's'}`, { isSubtle: true })])];
}

function header(finding: Finding, detail: CardDetail): Element {
  const look = severityLook(finding.severity);
  return {
    type: 'Container',
    style: look.style,
    bleed: true,
    items: [
      {
        type: 'TextBlock',
        text: headline(finding, look.word),
        wrap: true,
        color: look.color,
        weight: 'Bolder',
        size: 'Small',
      },
      // The title quotes the target's UPN, so it is a TextRun: bold and larger, yet shown exactly.
      rich([
        run(literalText(finding.title, Math.max(detail.chars, 120)), { weight: 'Bolder', size: 'Medium' }),
      ]),
    ],
  };
}

/** tapwatch's own words only: severities are checked tokens, so Markdown in this TextBlock is harmless. */
function headline(finding: Finding, word: string): string {
  const from = finding.escalation ? safeToken(finding.escalation.from, /^[a-z]{1,16}$/) : undefined;
  if (isEscalation(finding) && from) {
    return `${word} · Escalated from ${from} · what followed a Temporary Access Pass`;
  }
  return `${word} · Temporary Access Pass issued`;
}

/** What happened since the TAP (docs/rules.md), newest last; summaries quote audit text, so TextRuns. */
function timeline(finding: Finding, detail: CardDetail): Element[] {
  const entries = (finding.timeline ?? []).slice(-detail.timeline);
  if (entries.length === 0) return [];
  return [
    heading('Timeline'),
    ...lines(
      entries.map((e) => [
        `${formatTime(e.time)} · ${safeToken(e.kind, RULE_ID) ?? 'record'}`,
        literalText(e.summary, detail.reasonChars) || '—',
      ]),
    ),
  ];
}

function target(finding: Finding, detail: CardDetail): Element[] {
  const t = finding.target;
  const roles = limitList(
    t.roles.map((r) => formatRole(r, detail.chars)),
    detail.roles,
  );
  return section('Target', [
    ['User', literalText(t.userPrincipalName, detail.chars)],
    ['Name', literalText(t.displayName, detail.chars)],
    ['Object id', literalText(t.id, 64)],
    ['Roles', roles.join('; ')],
  ]);
}

function initiatorLines(finding: Finding, detail: CardDetail): Line[] {
  const i = finding.initiator;
  const roles = limitList(
    i.roles.map((r) => formatRole(r, detail.chars)),
    Math.min(detail.roles, 5),
  );
  return [
    ['Type', i.type === 'app' ? 'application' : i.type === 'user' ? 'user' : 'unknown'],
    [i.type === 'app' ? 'App' : 'User', literalText(i.userPrincipalName ?? i.displayName, detail.chars)],
    ['Name', i.userPrincipalName ? literalText(i.displayName, detail.chars) : ''],
    ['App id', literalText(i.appId, 64)],
    ['Object id', literalText(i.id ?? i.servicePrincipalId, 64)],
    ['IP address', literalText(i.ipAddress, 64)],
    ['Roles', roles.join('; ')],
  ];
}

function tapLines(finding: Finding, detail: CardDetail): Line[] {
  const tap = finding.tap;
  return [
    ['Valid from', formatTime(tap.startDateTime)],
    ['Valid until', formatTime(tap.endDateTime)],
    ['Lifetime', formatLifetime(tap.lifetimeMinutes)],
    ['Usage', literalText(tap.usage, detail.chars)],
    ['Issued at', formatTime(finding.activityDateTime)],
  ];
}

function rules(finding: Finding, detail: CardDetail): Element[] {
  const items = finding.rules.slice(0, MAX_RULES).flatMap((r) => {
    const id = safeToken(r.id, RULE_ID) ?? 'unknown-rule';
    return lines([
      [
        `${id} (${safeToken(r.severity, /^[a-z]{1,16}$/) ?? 'unknown'})`,
        literalText(r.reason, detail.reasonChars) || '—',
      ],
    ]);
  });
  return items.length
    ? [heading('Why this alert'), ...items, ...more(finding.rules.length - MAX_RULES, 'rule')]
    : [];
}

/** Triage steps are tapwatch's own rule text (never audit data): shown exactly as written, only shortened. */
function triage(finding: Finding, detail: CardDetail): Element[] {
  const steps = finding.triage
    .slice(0, detail.triage)
    .map((s, n) => rich([run(`${n + 1}. ${truncate(s.replace(/\s+/g, ' ').trim(), detail.reasonChars)}`)]));
  return steps.length
    ? [heading('Triage'), ...steps, ...more(finding.triage.length - steps.length, 'step')]
    : [];
}

function referenceLines(finding: Finding, detail: CardDetail): Line[] {
  const attack = finding.attack.flatMap((a) => safeToken(a, ATTACK_ID) ?? []);
  const ids = limitList(
    finding.audit.ids.map((id) => literalText(id, 96)),
    detail.auditIds,
  );
  return [
    ['ATT&CK', attack.join(', ')],
    ['Audit ids', detail.auditIds > 0 ? ids.join('; ') : ''],
    ['Correlation id', literalText(finding.audit.correlationId, 64)],
    ['Finding id', literalText(finding.id, 96)],
    ['Detected at', formatTime(finding.detectedAt)],
  ];
}

function section(title: string, rows: Line[]): Element[] {
  const shown = lines(rows);
  return shown.length ? [heading(title), ...shown] : [];
}

/** One `Label: value` RichTextBlock per line that has a value: a bold label run, then the value as typed. */
function lines(rows: Line[]): Element[] {
  return rows
    .filter(([, value]) => value !== '')
    .map(([label, value]) => rich([run(`${label}: `, { weight: 'Bolder' }), run(value)], 'Small'));
}

function heading(value: string): Element {
  return { type: 'TextBlock', text: value, wrap: true, weight: 'Bolder', spacing: 'Medium' };
}

function rich(inlines: Element[], spacing?: 'Small'): Element {
  return spacing ? { type: 'RichTextBlock', spacing, inlines } : { type: 'RichTextBlock', inlines };
}

/** A TextRun: its `text` is never read as Markdown, so the value appears exactly as given. */
function run(text: string, options: Record<string, string | boolean> = {}): Element {
  return { type: 'TextRun', text, ...options };
}
