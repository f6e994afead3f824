import type { Finding } from '../rules/finding';
import { isLinkableId } from './card-format';
import { type CardDetail, cardBody, minimalBody } from './card-sections';

/**
 * What Power Automate's "Post card in a chat or channel" (the action behind a Teams Workflows webhook)
 * accepts: a message of about 28 KB at most, everything included, else "Request Entity too large"
 * (https://learn.microsoft.com/connectors/teams/#known-issues-and-limitations), and Adaptive Cards up to
 * version 1.4: 1.5 cards render as "We're sorry, this card couldn't be displayed" although Teams itself
 * supports 1.5 (https://github.com/microsoft/AdaptiveCards/issues/8965,
 * https://github.com/MicrosoftDocs/msteams-docs/issues/9801).
 */
export const WORKFLOWS_MAX_BYTES = 28 * 1024;
export const CARD_VERSION = '1.4';

/** The card is kept to 20 KB (UTF-8 bytes of the whole envelope): a margin under `WORKFLOWS_MAX_BYTES`. */
export const MAX_CARD_BYTES = 20 * 1024;

const LEVELS: readonly CardDetail[] = [
  { chars: 256, roles: 25, reasonChars: 500, triage: 8, auditIds: 10, timeline: 12 },
  { chars: 160, roles: 12, reasonChars: 300, triage: 5, auditIds: 5, timeline: 8 },
  { chars: 100, roles: 6, reasonChars: 180, triage: 3, auditIds: 2, timeline: 5 },
  { chars: 64, roles: 3, reasonChars: 100, triage: 1, auditIds: 1, timeline: 3 },
  { chars: 48, roles: 1, reasonChars: 60, triage: 0, auditIds: 0, timeline: 1 },
];

/** The last resort keeps only what an alert cannot do without: severity, title, target, finding id. */
const MINIMAL: CardDetail = { chars: 120, roles: 0, reasonChars: 0, triage: 0, auditIds: 0, timeline: 0 };

/**
 * The Teams Workflows message for a finding: one Adaptive Card 1.4 that shows severity, title, target and
 * its sensitive roles, initiator, TAP window, the timeline of what followed it, every rule with its reason, triage, ATT&CK and audit ids, and
 * one button to the target's authentication methods in the Entra admin center (built from the object id
 * only). Attacker-controlled text is shown literally in TextRuns, never in Markdown-reading TextBlocks or
 * Facts, and the card declares no `msteams.entities`, so no `<at>` text can mention anyone. Detail shrinks
 * until the envelope is ≤ `MAX_CARD_BYTES`; a card that had to shrink says so in a visible "Truncated"
 * line, so nobody takes it for the whole finding.
 */
export function buildTeamsMessage(finding: Finding): object {
  for (const [level, detail] of LEVELS.entries()) {
    const message = envelope(finding, detail, { minimal: false, truncated: level > 0 });
    if (cardBytes(message) <= MAX_CARD_BYTES) return message;
  }
  return envelope(finding, MINIMAL, { minimal: true, truncated: true });
}

/** UTF-8 size of the message as it is posted. */
export function cardBytes(message: object): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf8');
}

/** The Entra admin center blade listing a user's authentication methods, where a TAP can be deleted. */
export function authMethodsUrl(objectId: string | undefined): string | undefined {
  if (!isLinkableId(objectId)) return undefined;
  return `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/${objectId.toLowerCase()}`;
}

function envelope(
  finding: Finding,
  detail: CardDetail,
  shape: { minimal: boolean; truncated: boolean },
): object {
  const url = authMethodsUrl(finding.target.id);
  const content = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    msteams: { width: 'Full' },
    body: shape.minimal ? minimalBody(finding, detail) : cardBody(finding, detail, shape.truncated),
    actions: url ? [{ type: 'Action.OpenUrl', title: 'Open authentication methods in Entra', url }] : [],
  };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}
