import { ROLE } from '../directory/role-catalog';
import { assignment, eligibility, ID, snapshot, tapEvent } from './builders';
import type { RuleCase } from './types';

const syncTarget = (userPrincipalName: string, displayName = 'Service') =>
  tapEvent({ target: { id: ID.syncAccount, userPrincipalName, displayName } });

export const cases: RuleCase[] = [
  {
    name: 'fires for an Entra Connect account by its Sync_ name even without directory data',
    fires: true,
    event: syncTarget('Sync_SRV01_4a6f2b9c1d3e@contoso.onmicrosoft.com'),
    reason: /Sync_.*matched by name only/,
  },
  {
    name: 'fires for the Cloud Sync account name',
    fires: true,
    event: syncTarget('ADToAADSyncServiceAccount@contoso.onmicrosoft.com'),
    reason: /ADToAADSyncServiceAccount@/,
  },
  {
    name: 'fires for the sync service display name',
    fires: true,
    event: syncTarget('svc-connect@contoso.com', 'On-Premises Directory Synchronization Service Account'),
    reason: /display name/,
  },
  {
    name: 'fires for an account holding Directory Synchronization Accounts whatever its name',
    fires: true,
    event: syncTarget('svc-connect@contoso.com'),
    directory: snapshot({
      roleAssignments: [assignment(ID.syncAccount, ROLE.directorySynchronizationAccounts)],
    }),
    reason: /holds Directory Synchronization Accounts \(active, direct, tenant-wide\)/,
  },
  {
    name: 'fires for an account eligible for On Premises Directory Sync Account',
    fires: true,
    event: syncTarget('svc-connect@contoso.com'),
    directory: snapshot({
      roleEligibilityScheduleInstances: [eligibility(ID.syncAccount, ROLE.onPremisesDirectorySyncAccount)],
    }),
    reason: /On Premises Directory Sync Account \(eligible/,
  },
  {
    name: 'fires for a name matching SYNC_ACCOUNT_PATTERNS',
    fires: true,
    event: syncTarget('svc-aadc-prod@contoso.com'),
    config: { syncAccountPatterns: ['SVC-AADC-*@contoso.com'] },
    reason: /SYNC_ACCOUNT_PATTERNS entry "SVC-AADC-\*@contoso.com"/,
  },
  {
    name: 'stays quiet for a Global Administrator with an ordinary name',
    fires: false,
    event: tapEvent(),
    directory: snapshot({ roleAssignments: [assignment(ID.user, ROLE.globalAdministrator)] }),
  },
  {
    name: 'stays quiet when a sync-like word appears only mid-name',
    fires: false,
    event: syncTarget('marketing_sync_@contoso.com', 'Sync Team'),
  },
];
