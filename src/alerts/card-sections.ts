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
import { inertText, truncate } from './inert-text';

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
}

type Element = Record<string, unknown>;

/** Everything an analyst needs at a glance, most important first. */
export function cardBody(finding: Finding, detail: CardDetail): Element[] {
  return [
    header(finding, detail),
    ...target(finding, detail),
    ...section('Issued by', initiatorFacts(finding, detail)),
    ...section('Temporary Access Pass', tapFacts(finding, detail)),
    ...rules(finding, detail),
    ...triage(finding, detail),
    ...(finding.notes ?? [])
      .slice(0, 3)
      .map((n) => text(inertText(n, detail.reasonChars), { isSubtle: true })),
    ...factsIfAny(referenceFacts(finding, detail)),
  ];
}

/** What an alert cannot do without: severity, title and target. */
export function minimalBody(finding: Finding, detail: CardDetail): Element[] {
  return [header(finding, detail), ...target(finding, detail)];
}

function header(finding: Finding, detail: CardDetail): Element {
  const look = severityLook(finding.severity);
  return {
    type: 'Container',
    style: look.style,
    bleed: true,
    items: [
      text(`${look.word} · Temporary Access Pass issued`, {
        color: look.color,
        weight: 'Bolder',
        size: 'Small',
      }),
      text(inertText(finding.title, Math.max(detail.chars, 120)), { weight: 'Bolder', size: 'Medium' }),
    ],
  };
}

function target(finding: Finding, detail: CardDetail): Element[] {
  const t = finding.target;
  const roles = limitList(
    t.roles.map((r) => formatRole(r, detail.chars)),
    detail.roles,
  );
  return section('Target', [
    ['User', inertText(t.userPrincipalName, detail.chars)],
    ['Name', inertText(t.displayName, detail.chars)],
    ['Object id', inertText(t.id, 64)],
    ['Roles', roles.join('; ')],
  ]);
}

function initiatorFacts(finding: Finding, detail: CardDetail): Array<[string, string]> {
  const i = finding.initiator;
  const roles = limitList(
    i.roles.map((r) => formatRole(r, detail.chars)),
    Math.min(detail.roles, 5),
  );
  return [
    ['Type', i.type === 'app' ? 'application' : i.type],
    [i.type === 'app' ? 'App' : 'User', inertText(i.userPrincipalName ?? i.displayName, detail.chars)],
    ['Name', i.userPrincipalName ? inertText(i.displayName, detail.chars) : ''],
    ['App id', inertText(i.appId, 64)],
    ['Object id', inertText(i.id ?? i.servicePrincipalId, 64)],
    ['IP address', inertText(i.ipAddress, 64)],
    ['Roles', roles.join('; ')],
  ];
}

function tapFacts(finding: Finding, detail: CardDetail): Array<[string, string]> {
  const tap = finding.tap;
  return [
    ['Valid from', formatTime(tap.startDateTime)],
    ['Valid until', formatTime(tap.endDateTime)],
    ['Lifetime', formatLifetime(tap.lifetimeMinutes)],
    ['Usage', inertText(tap.usage, detail.chars)],
    ['Issued at', formatTime(finding.activityDateTime)],
  ];
}

function rules(finding: Finding, detail: CardDetail): Element[] {
  const items = finding.rules.slice(0, 12).map((r) => {
    const id = safeToken(r.id, RULE_ID) ?? 'unknown-rule';
    return text(`${id} (${r.severity}): ${inertText(r.reason, detail.reasonChars)}`, {});
  });
  return items.length ? [heading('Why this alert'), ...items] : [];
}

/** Triage steps are tapwatch's own rule text (never audit data): shown as written, only shortened. */
function triage(finding: Finding, detail: CardDetail): Element[] {
  const steps = finding.triage
    .slice(0, detail.triage)
    .map((s, n) => text(`${n + 1}. ${truncate(s.replace(/\s+/g, ' ').trim(), detail.reasonChars)}`, {}));
  return steps.length ? [heading('Triage'), ...steps] : [];
}

function referenceFacts(finding: Finding, detail: CardDetail): Array<[string, string]> {
  const attack = finding.attack.flatMap((a) => safeToken(a, ATTACK_ID) ?? []);
  const ids = limitList(
    finding.audit.ids.map((id) => inertText(id, 96)),
    detail.auditIds,
  );
  return [
    ['ATT&CK', attack.join(', ')],
    ['Audit ids', detail.auditIds > 0 ? ids.join('; ') : ''],
    ['Correlation id', inertText(finding.audit.correlationId, 64)],
    ['Finding id', inertText(finding.id, 96)],
    ['Detected at', formatTime(finding.detectedAt)],
  ];
}

function section(title: string, rows: Array<[string, string]>): Element[] {
  const set = factsIfAny(rows);
  return set.length ? [heading(title), ...set] : [];
}

/** A FactSet of the rows that have a value; nothing at all when none has (an empty FactSet is invalid). */
function factsIfAny(rows: Array<[string, string]>): Element[] {
  const facts = rows.filter(([, v]) => v !== '').map(([title, value]) => ({ title, value }));
  return facts.length ? [{ type: 'FactSet', facts }] : [];
}

function heading(value: string): Element {
  return text(value, { weight: 'Bolder', spacing: 'Medium' });
}

function text(value: string, options: Record<string, string | boolean>): Element {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}
