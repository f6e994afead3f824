import { SyncAccountNaming } from '../directory/sync-account-naming';
import type { Rule } from './types';

/** A TAP on a sync account is a known stealth backdoor: the account is powerful and rarely watched. */
export const tapSyncAccount = {
  id: 'tap-sync-account',
  title: 'TAP issued to a directory sync account',
  severity: 'critical',
  attack: ['T1098.001', 'T1556'],
  description:
    'The target is an Entra Connect or Cloud Sync service account: it holds a directory sync role, or its name follows sync-account naming, or it matches SYNC_ACCOUNT_PATTERNS. Such accounts never need a TAP; one gives an interactive foothold with sync privileges. Naming is checked even without directory data; the role only with it.',
  triage: [
    "Treat as an incident: revoke the TAP and the account's sessions, and delete methods registered since issuance.",
    "Identify who issued it and review that initiator's recent activity.",
    'Check sign-ins of the sync account from outside the sync server.',
  ],
  falsePositives: [
    'A cloud account that merely follows the Sync_ or DirSync naming, or matches a broad SYNC_ACCOUNT_PATTERNS entry.',
  ],
  needsDirectory: false,
  evaluate(event, ctx) {
    const match = ctx.directory
      ? ctx.directory.syncAccountMatch(event.target)
      : new SyncAccountNaming(ctx.config.syncAccountPatterns).match(event.target);
    if (!match) return undefined;
    const offline = ctx.directory
      ? ''
      : ' (directory data unavailable: matched by name only, sync roles not checked)';
    return {
      reason: `Target is a directory sync account: ${match.reason}${offline}.`,
      evidence: { kind: match.kind, directoryChecked: ctx.directory !== undefined },
    };
  },
} satisfies Rule;
