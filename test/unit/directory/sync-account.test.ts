import { buildDirectory } from '../../../src/directory/build-directory';
import { ROLE } from '../../../src/directory/role-catalog';
import { SyncAccountNaming } from '../../../src/directory/sync-account-naming';
import { compileWildcard, matchesWildcard } from '../../../src/directory/wildcard';
import { assignment, eligibility, ID, NOW, snapshot, user } from '../../../src/rules/builders';

describe('syncAccountMatch', () => {
  it('recognises an account holding Directory Synchronization Accounts, whatever its name', () => {
    // Prepare
    const directory = buildDirectory(
      snapshot({ roleAssignments: [assignment(ID.syncAccount, ROLE.directorySynchronizationAccounts)] }),
      { privilegedRoleIds: [], syncAccountPatterns: [], now: NOW },
    );

    // Act
    const match = directory.syncAccountMatch({ id: ID.syncAccount, userPrincipalName: 'svc@contoso.com' });

    // Assess
    expect(match).toEqual({
      kind: 'role',
      reason: 'holds Directory Synchronization Accounts (active, direct, tenant-wide)',
    });
  });

  it('recognises an account only eligible for On Premises Directory Sync Account', () => {
    const directory = buildDirectory(
      snapshot({
        roleEligibilityScheduleInstances: [eligibility(ID.syncAccount, ROLE.onPremisesDirectorySyncAccount)],
      }),
      { privilegedRoleIds: [], syncAccountPatterns: [], now: NOW },
    );

    expect(directory.syncAccountMatch({ id: ID.syncAccount })?.kind).toBe('role');
  });

  it('falls back to the directory user record when the audit record carries no names', () => {
    const directory = buildDirectory(
      snapshot({ users: [user(ID.syncAccount, 'ADToAADSyncServiceAccount@contoso.onmicrosoft.com')] }),
      { privilegedRoleIds: [], syncAccountPatterns: [], now: NOW },
    );

    expect(directory.syncAccountMatch({ id: ID.syncAccount })?.kind).toBe('naming');
    expect(
      directory.syncAccountMatch({ id: ID.user, userPrincipalName: 'user@contoso.com' }),
    ).toBeUndefined();
  });
});

describe('SyncAccountNaming', () => {
  const naming = new SyncAccountNaming(['svc-aadc-*@contoso.com', '*Connect Sync*']);

  it.each([
    ['Sync_SRV01_4a6f2b9c1d3e@contoso.onmicrosoft.com', 'Service', 'naming', /Sync_/],
    ['sync_srv01_4a6f2b9c1d3e@contoso.onmicrosoft.com', 'Service', 'naming', /Sync_/],
    ['ADToAADSyncServiceAccount@contoso.onmicrosoft.com', 'Service', 'naming', /Cloud Sync/],
    ['legacy-dirsync@contoso.com', 'Service', 'naming', /DirSync/],
    ['svc@contoso.com', 'On-Premises Directory Synchronization Service Account', 'naming', /display name/],
    ['SVC-AADC-PROD@contoso.com', 'Service', 'config', /UPN matches .*"svc-aadc-\*@contoso.com"/],
    ['svc@contoso.com', 'Contoso Connect Sync Runner', 'config', /display name matches .*"\*Connect Sync\*"/],
  ])('matches %s / %s by %s', (userPrincipalName, displayName, kind, reason) => {
    const match = naming.match({ userPrincipalName, displayName });

    expect(match?.kind).toBe(kind);
    expect(match?.reason).toMatch(reason);
  });

  it.each([
    ['user@contoso.com', 'Plain User'],
    ['async_jobs@contoso.com', 'Async Jobs'],
    ['svc@contoso.com', 'On-Premises Directory Synchronization Service Account (old)'],
    ['svc-aadc-prod@fabrikam.com', 'Service'],
  ])('does not match %s / %s', (userPrincipalName, displayName) => {
    expect(naming.match({ userPrincipalName, displayName })).toBeUndefined();
  });
});

describe('wildcard patterns', () => {
  it.each([
    ['svc-*', 'SVC-aadc', true],
    ['*@contoso.com', 'x@contoso.com', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['exact', 'exact-not', false],
    ['*', '', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(matchesWildcard(compileWildcard(pattern), text)).toBe(expected);
  });

  it('treats regular-expression characters in a pattern literally', () => {
    const pattern = compileWildcard('sync.(svc)+[0-9]?@*');

    expect(matchesWildcard(pattern, 'sync.(svc)+[0-9]?@contoso.com')).toBe(true);
    expect(matchesWildcard(pattern, 'syncX(svc)+[0-9]?@contoso.com')).toBe(false);
    expect(matchesWildcard(pattern, 'sync.svcsvc1@contoso.com')).toBe(false);
  });

  it('rejects a hostile pattern on a long name without backtracking', () => {
    // A backtracking matcher needs exponential time here; the piecewise scan is linear per piece.
    const pattern = compileWildcard(`${'*a'.repeat(30)}*b`);

    expect(matchesWildcard(pattern, 'a'.repeat(100_000))).toBe(false);
  });
});
