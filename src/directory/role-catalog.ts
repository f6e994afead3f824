/**
 * Built-in Entra role template ids tapwatch reasons about. Template ids are immutable and identical
 * in every tenant; for built-in roles `roleAssignments[].roleDefinitionId` equals the template id.
 */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  authenticationPolicyAdministrator: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  directorySynchronizationAccounts: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
  onPremisesDirectorySyncAccount: 'a92aed5d-d78a-4d16-b381-09adb37eb3b0',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
  userExperienceSuccessManager: '27460883-1df1-4691-b032-3b79643e5e63',
} as const;

/** Display names by template id: used when a snapshot lacks the role definition itself. */
export const BUILT_IN_ROLE_NAMES: ReadonlyMap<string, string> = new Map([
  [ROLE.globalAdministrator, 'Global Administrator'],
  [ROLE.privilegedRoleAdministrator, 'Privileged Role Administrator'],
  [ROLE.privilegedAuthenticationAdministrator, 'Privileged Authentication Administrator'],
  [ROLE.authenticationAdministrator, 'Authentication Administrator'],
  [ROLE.authenticationPolicyAdministrator, 'Authentication Policy Administrator'],
  [ROLE.userAdministrator, 'User Administrator'],
  [ROLE.helpdeskAdministrator, 'Helpdesk Administrator'],
  [ROLE.passwordAdministrator, 'Password Administrator'],
  [ROLE.securityAdministrator, 'Security Administrator'],
  [ROLE.applicationAdministrator, 'Application Administrator'],
  [ROLE.cloudApplicationAdministrator, 'Cloud Application Administrator'],
  [ROLE.exchangeAdministrator, 'Exchange Administrator'],
  [ROLE.sharePointAdministrator, 'SharePoint Administrator'],
  [ROLE.intuneAdministrator, 'Intune Administrator'],
  [ROLE.hybridIdentityAdministrator, 'Hybrid Identity Administrator'],
  [ROLE.conditionalAccessAdministrator, 'Conditional Access Administrator'],
  [ROLE.groupsAdministrator, 'Groups Administrator'],
  [ROLE.directorySynchronizationAccounts, 'Directory Synchronization Accounts'],
  [ROLE.onPremisesDirectorySyncAccount, 'On Premises Directory Sync Account'],
  [ROLE.globalReader, 'Global Reader'],
  [ROLE.securityReader, 'Security Reader'],
  [ROLE.directoryReaders, 'Directory Readers'],
  [ROLE.reportsReader, 'Reports Reader'],
  [ROLE.messageCenterReader, 'Message Center Reader'],
  [ROLE.guestInviter, 'Guest Inviter'],
  [ROLE.usageSummaryReportsReader, 'Usage Summary Reports Reader'],
  [ROLE.userExperienceSuccessManager, 'User Experience Success Manager'],
]);

/**
 * Built-in roles whose holder can take over identities, apps or tenant security settings
 * (docs/rules.md). A TAP on such an account is a direct path to that power.
 */
export const PRIVILEGED_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  ROLE.globalAdministrator,
  ROLE.privilegedRoleAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
  ROLE.securityAdministrator,
  ROLE.hybridIdentityAdministrator,
  ROLE.applicationAdministrator,
  ROLE.cloudApplicationAdministrator,
  ROLE.conditionalAccessAdministrator,
  ROLE.exchangeAdministrator,
  ROLE.sharePointAdministrator,
  ROLE.intuneAdministrator,
  ROLE.userAdministrator,
  ROLE.authenticationAdministrator,
  ROLE.authenticationPolicyAdministrator,
  ROLE.helpdeskAdministrator,
  ROLE.passwordAdministrator,
  ROLE.groupsAdministrator,
]);

/** Roles held by Entra Connect / Cloud Sync service accounts (the second one is undocumented). */
export const SYNC_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  ROLE.directorySynchronizationAccounts,
  ROLE.onPremisesDirectorySyncAccount,
]);

/**
 * Roles whose holders an Authentication Administrator may still manage: a target holding only
 * these (or nothing) counts as a non-admin for TAP issuance.
 */
export const AUTH_ADMIN_MANAGEABLE_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  ROLE.authenticationAdministrator,
  ROLE.directoryReaders,
  ROLE.guestInviter,
  ROLE.messageCenterReader,
  ROLE.passwordAdministrator,
  ROLE.reportsReader,
  ROLE.usageSummaryReportsReader,
  ROLE.userExperienceSuccessManager,
]);

/** Roles that may issue a TAP to any user but themselves (when held tenant-wide). */
export const FULL_TAP_ISSUER_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  ROLE.globalAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
]);

/** Roles that may issue a TAP only to non-admin users. */
export const LIMITED_TAP_ISSUER_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  ROLE.authenticationAdministrator,
]);
