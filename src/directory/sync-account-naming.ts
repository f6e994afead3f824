import type { SyncAccountMatch } from './model';
import { compileWildcard, matchesWildcard, type WildcardPattern } from './wildcard';

/** The names a sync-account check looks at; both come from the audit record or the directory. */
export interface NamedPrincipal {
  userPrincipalName?: string | null | undefined;
  displayName?: string | null | undefined;
}

/** Display name Entra Connect and Cloud Sync give their service accounts. */
const SYNC_DISPLAY_NAME = 'on-premises directory synchronization service account';

/**
 * Matches the built-in sync-account naming rules and SYNC_ACCOUNT_PATTERNS. Needs no directory
 * data, so `tap-sync-account` can still fire on an offline scan.
 */
export class SyncAccountNaming {
  private readonly patterns: WildcardPattern[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.filter((p) => p.trim() !== '').map((p) => compileWildcard(p.trim()));
  }

  /** First matching rule, built-in naming before configured patterns; undefined when none match. */
  match(principal: NamedPrincipal): SyncAccountMatch | undefined {
    const upn = principal.userPrincipalName ?? '';
    const name = principal.displayName ?? '';
    const lowerUpn = upn.toLowerCase();
    if (lowerUpn.startsWith('sync_')) {
      return { kind: 'naming', reason: 'UPN starts with "Sync_" (Entra Connect sync account naming)' };
    }
    if (lowerUpn.startsWith('adtoaadsyncserviceaccount@')) {
      return {
        kind: 'naming',
        reason: 'UPN starts with "ADToAADSyncServiceAccount@" (Entra Cloud Sync account naming)',
      };
    }
    if (lowerUpn.includes('dirsync')) {
      return { kind: 'naming', reason: 'UPN contains "DirSync" (directory sync account naming)' };
    }
    if (name.trim().toLowerCase() === SYNC_DISPLAY_NAME) {
      return {
        kind: 'naming',
        reason: 'display name is "On-Premises Directory Synchronization Service Account"',
      };
    }
    for (const pattern of this.patterns) {
      const field =
        upn && matchesWildcard(pattern, upn)
          ? 'UPN'
          : name && matchesWildcard(pattern, name)
            ? 'display name'
            : undefined;
      if (field) {
        return { kind: 'config', reason: `${field} matches SYNC_ACCOUNT_PATTERNS entry "${pattern.source}"` };
      }
    }
    return undefined;
  }
}
