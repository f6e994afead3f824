import type { Finding } from '../rules/finding';
import {
  ATTACK_ID,
  formatLifetime,
  formatRole,
  formatTime,
  isGuid,
  limitList,
  RULE_ID,
  safeToken,
  severityLook,
} from './card-format';
import { inertText } from './inert-text';

/** Workflows accepts up to ~28 KB; 20 KB (UTF-8 bytes of the whole envelope) leaves margin for Teams. */
export const MAX_CARD_BYTES = 20 * 1024;

/** How much detail a card carries; the builder steps down these levels until the card fits. */
interface Detail {
  /** Longest attacker-controlled value shown, in characters. */
  chars: number;
  roles: number;
  reasonChars: number;
  triage: number;
  auditIds: number;
}

const LEVELS: readonly Detail[] = [
  { chars: 256, roles: 25, reasonChars: 500, triage: 8, auditIds: 10 },
  { chars: 160, roles: 12, reasonChars: 300, triage: 5, auditIds: 5 },
  { chars: 100, roles: 6, reasonChars: 180, triage: 3, auditIds: 2 },
  { chars: 64, roles: 3, reasonChars: 100, triage: 1, auditIds: 1 },
  { chars: 48, roles: 1, reasonChars: 60, triage: 0, auditIds: 0 },
];

/** The last resort keeps only what an alert cannot do without: severity, title, target. */
const MINIMAL: Detail = { chars: 120, roles: 0, reasonChars: 0, triage: 0, auditIds: 0 };

type Element = Record<string, unknown>;

/**
 * The Teams Workflows message for a finding: one Adaptive Card 1.4 that shows severity, title, target and
 * its sensitive roles, initiator, TAP window, every rule with its reason, triage, ATT&CK and audit ids, and
 * one button to the target's authentication methods in the Entra admin center (built from the object id
 * only). Attacker-controlled text is made inert; detail shrinks until the envelope is ≤ `MAX_CARD_BYTES`.
 */
export function buildTeamsMessage(finding: Finding): object {
  for (const detail of LEVELS) {
    const message = envelope(finding, detail, false);
    if (cardBytes(message) <= MAX_CARD_BYTES) return message;
  }
  return envelope(finding, MINIMAL, true);
}

/** UTF-8 size of the message as it is posted. */
export function cardBytes(message: object): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf8');
}

/** The Entra admin center blade listing a user's authentication methods, where a TAP can be deleted. */
export function authMethodsUrl(objectId: string | undefined): string | undefined {
  if (!isGuid(objectId)) return undefined;
  return `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/${objectId.toLowerCase()}`;
}

function envelope(finding: Finding, detail: Detail, minimal: boolean): object {
  const url = authMethodsUrl(finding.target.id);
  const content = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    msteams: { width: 'Full' },
    body: minimal ? [header(finding, detail), ...target(finding, detail)] : body(finding, detail),
    actions: url ? [{ type: 'Action.OpenUrl', title: 'Open authentication methods in Entra', url }] : [],
  };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}

function body(finding: Finding, detail: Detail): Element[] {
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

function header(finding: Finding, detail: Detail): Element {
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

function target(finding: Finding, detail: Detail): Element[] {
  const t = finding.target;
  const roles = limitList(
    t.roles.map((r) => formatRole(r, detail.chars)),
    detail.roles,
  );
  return section('Target', [
    ['User', inertText(t.userPrincipalName, detail.chars)],
    ['Name', inertText(t.displayName, detail.chars)],
    ['Object id', inertText(t.id, 64)],
    ['Sensitive roles', roles.join('; ')],
  ]);
}

function initiatorFacts(finding: Finding, detail: Detail): Array<[string, string]> {
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

function tapFacts(finding: Finding, detail: Detail): Array<[string, string]> {
  const tap = finding.tap;
  return [
    ['Valid from', formatTime(tap.startDateTime)],
    ['Valid until', formatTime(tap.endDateTime)],
    ['Lifetime', formatLifetime(tap.lifetimeMinutes)],
    ['Usage', inertText(tap.usage, detail.chars)],
    ['Issued at', formatTime(finding.activityDateTime)],
  ];
}

function rules(finding: Finding, detail: Detail): Element[] {
  const items = finding.rules.slice(0, 12).map((r) => {
    const id = safeToken(r.id, RULE_ID) ?? 'unknown-rule';
    return text(`${id} (${r.severity}): ${inertText(r.reason, detail.reasonChars)}`, {});
  });
  return items.length ? [heading('Why this alert'), ...items] : [];
}

function triage(finding: Finding, detail: Detail): Element[] {
  const steps = finding.triage
    .slice(0, detail.triage)
    .map((s, n) => text(`${n + 1}. ${inertText(s, detail.reasonChars)}`, {}));
  return steps.length ? [heading('Triage'), ...steps] : [];
}

function referenceFacts(finding: Finding, detail: Detail): Array<[string, string]> {
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
