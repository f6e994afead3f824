import type {
  DirectoryGroup,
  DirectorySnapshot,
  RoleAssignment,
  RoleDefinition,
  RoleEligibilityInstance,
} from '../directory/snapshot';
import type { SimApp, SimUser } from './audit-record';
import { type BuiltInRoleKey, builtInRoleDefinitions, roleAssignmentId, roleId } from './builtin-roles';
import { stableUuid } from './prng';

/**
 * The people, apps and role data of the bundled "Contoso" sample tenant. Every id is derived from a
 * readable label, so the scenario reads like a story and its ids never drift.
 */
export const SAMPLE_TENANT_ID = '6f3c1e2a-8b4d-4f7e-9a1c-2d5b8e0f4a37';
export const SAMPLE_DOMAIN = 'contoso.onmicrosoft.com';

const person = (alias: string, displayName: string): SimUser => ({
  id: stableUuid(`contoso:user:${alias.toLowerCase()}`),
  userPrincipalName: `${alias}@${SAMPLE_DOMAIN}`,
  displayName,
});

/** People with a part in the scenario (roles, TAPs). */
export const SAMPLE_PEOPLE = {
  globalAdmin: person('MeganB', 'Megan Bowen'),
  breakGlass: person('emergency-access01', 'Emergency Access Account 01'),
  privilegedAuthAdmin: person('IsaiahL', 'Isaiah Langer'),
  authAdmin: person('LeeG', 'Lee Gu'),
  auAuthAdmin: person('JohannaL', 'Johanna Lorenz'),
  helpdeskAdmin: person('GradyA', 'Grady Archie'),
  userAdmin: person('DiegoS', 'Diego Siciliani'),
  exchangeAdmin: person('AlexW', 'Alex Wilber'),
  directoryReader: person('LynneR', 'Lynne Robbins'),
  tier1CustomAdmin: person('NestorW', 'Nestor Wilke'),
  reportViewer: person('PradeepG', 'Pradeep Gupta'),
  tier0MemberA: person('PattiF', 'Patti Fernandez'),
  tier0MemberB: person('MiriamG', 'Miriam Graham'),
  eligibleGlobalAdmin: person('AdeleV', 'Adele Vance'),
  eligibleSecurityAdmin: person('JoniS', 'Joni Sherman'),
  expiredEligible: person('LidiaH', 'Lidia Holloway'),
  syncAccount: person(
    'Sync_CONTOSO-DC01_1a2b3c4d5e6f',
    'On-Premises Directory Synchronization Service Account',
  ),
  newHireA: person('AvaT', 'Ava Thompson'),
  newHireB: person('NoahP', 'Noah Patel'),
  newHireC: person('SofiaM', 'Sofia Martinez'),
  henrietta: person('HenriettaM', 'Henrietta Mueller'),
  christie: person('ChristieC', 'Christie Cline'),
  debra: person('DebraB', 'Debra Berger'),
  irvin: person('IrvinS', 'Irvin Sayers'),
  gerhart: person('GerhartM', 'Gerhart Moller'),
} as const satisfies Record<string, SimUser>;

/** Everyone else: staff who only produce benign security-info traffic. */
export const SAMPLE_STAFF: readonly SimUser[] = [
  person('AllanD', 'Allan Deyoung'),
  person('BiancaP', 'Bianca Pisani'),
  person('BrianJ', 'Brian Johnson'),
  person('CameronW', 'Cameron White'),
  person('DeliaD', 'Delia Dennis'),
  person('EmilyB', 'Emily Braun'),
  person('EnricoC', 'Enrico Cattaneo'),
  person('RaulR', 'Raul Razo'),
  person('BenW', 'Ben Walters'),
  person('ZrinkaM', 'Zrinka Makovac'),
  person('MonaK', 'Mona Kane'),
  person('KatL', 'Kat Larsson'),
  person('HaoN', 'Hao Nguyen'),
  person('AmaraO', 'Amara Okafor'),
  person('YukiT', 'Yuki Tanaka'),
];

/** The onboarding app that issues TAPs to new hires; put its appId in ALLOWED_TAP_APP_IDS. */
export const SAMPLE_ONBOARDING_APP: SimApp = {
  appId: '3f8e2b71-6c4d-4a9e-b15f-7d02c9e4a618',
  displayName: 'Contoso HR Onboarding',
  servicePrincipalId: stableUuid('contoso:sp:onboarding'),
};
/** App id of the sample tenant's onboarding app (the demo allows it through ALLOWED_TAP_APP_IDS). */
export const SAMPLE_ONBOARDING_APP_ID = SAMPLE_ONBOARDING_APP.appId;

/** An app nobody expects to issue TAPs (a forgotten automation with a broad Graph permission). */
export const SAMPLE_UNKNOWN_APP: SimApp = {
  appId: stableUuid('contoso:app:legacy-automation'),
  displayName: 'IT-Automation-Legacy',
  servicePrincipalId: stableUuid('contoso:sp:legacy-automation'),
};

/** The administrative unit the second Authentication Administrator is scoped to. */
export const SAMPLE_ADMINISTRATIVE_UNIT_ID = stableUuid('contoso:au:emea-sales');

/**
 * Two admins and the forgotten automation's service principal: Graph v1.0 lists only the users
 * (documented known issue), beta lists all three.
 */
export const TIER0_GROUP: DirectoryGroup = {
  id: stableUuid('contoso:group:tier0-admins'),
  displayName: 'Tier0 Admins',
  isAssignableToRole: true,
  members: [
    ...[SAMPLE_PEOPLE.tier0MemberA, SAMPLE_PEOPLE.tier0MemberB].map((u) => ({
      '@odata.type': '#microsoft.graph.user',
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
    })),
    {
      '@odata.type': '#microsoft.graph.servicePrincipal',
      id: SAMPLE_UNKNOWN_APP.servicePrincipalId,
      displayName: SAMPLE_UNKNOWN_APP.displayName,
      appId: SAMPLE_UNKNOWN_APP.appId,
    },
  ],
};

const TIER1_ADMIN_ROLE: RoleDefinition = {
  id: stableUuid('contoso:role:tier1-admin'),
  templateId: stableUuid('contoso:role:tier1-admin'),
  displayName: 'Contoso Tier1 Admin',
  isBuiltIn: false,
};
const REPORT_VIEWER_ROLE: RoleDefinition = {
  id: stableUuid('contoso:role:report-viewer'),
  templateId: stableUuid('contoso:role:report-viewer'),
  displayName: 'Contoso Report Viewer',
  isBuiltIn: false,
};

function assign(role: BuiltInRoleKey | RoleDefinition, principalId: string, scope = '/'): RoleAssignment {
  const roleDefinitionId = typeof role === 'string' ? roleId(role) : role.id;
  const suffix = scope === '/' ? '-1' : `-1-${scope.split('/').pop()?.slice(0, 8)}`;
  return {
    id: roleAssignmentId(roleDefinitionId, principalId, suffix),
    principalId,
    roleDefinitionId,
    directoryScopeId: scope,
  };
}

function eligible(role: BuiltInRoleKey, principalId: string, start: string, end: string | null) {
  const instance: RoleEligibilityInstance = {
    ...assign(role, principalId),
    id: roleAssignmentId(roleId(role), principalId, '-1-e'),
    startDateTime: start,
    endDateTime: end,
  };
  return instance;
}

/** Role data of the sample tenant (docs/rules.md), as Graph would list it. */
export function buildSampleDirectory(): DirectorySnapshot {
  const p = SAMPLE_PEOPLE;
  const users = [...Object.values(p), ...SAMPLE_STAFF].map(({ id, userPrincipalName, displayName }) => ({
    id,
    userPrincipalName,
    displayName,
  }));
  const helpdeskTeam: DirectoryGroup = {
    id: stableUuid('contoso:group:helpdesk-team'),
    displayName: 'Contoso Helpdesk Team',
    isAssignableToRole: false,
    members: [p.authAdmin, p.helpdeskAdmin].map((u) => ({
      '@odata.type': '#microsoft.graph.user',
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
    })),
  };
  return {
    roleDefinitions: [...builtInRoleDefinitions(), TIER1_ADMIN_ROLE, REPORT_VIEWER_ROLE],
    roleAssignments: [
      assign('globalAdministrator', p.globalAdmin.id),
      assign('globalAdministrator', p.breakGlass.id),
      assign('privilegedAuthenticationAdministrator', p.privilegedAuthAdmin.id),
      assign('authenticationAdministrator', p.authAdmin.id),
      assign(
        'authenticationAdministrator',
        p.auAuthAdmin.id,
        `/administrativeUnits/${SAMPLE_ADMINISTRATIVE_UNIT_ID}`,
      ),
      assign('helpdeskAdministrator', p.helpdeskAdmin.id),
      assign('userAdministrator', p.userAdmin.id),
      assign('exchangeAdministrator', p.exchangeAdmin.id),
      assign('directoryReaders', p.directoryReader.id),
      assign(TIER1_ADMIN_ROLE, p.tier1CustomAdmin.id),
      assign(REPORT_VIEWER_ROLE, p.reportViewer.id),
      assign('privilegedRoleAdministrator', TIER0_GROUP.id),
      assign('directorySynchronizationAccounts', p.syncAccount.id),
    ],
    roleEligibilityScheduleInstances: [
      eligible('globalAdministrator', p.eligibleGlobalAdmin.id, '2026-03-02T09:00:00Z', null),
      eligible(
        'securityAdministrator',
        p.eligibleSecurityAdmin.id,
        '2026-06-15T08:30:00Z',
        '2027-06-15T08:30:00Z',
      ),
      // Expired before the sample day: it must not make Lidia privileged.
      eligible('exchangeAdministrator', p.expiredEligible.id, '2025-10-01T00:00:00Z', '2026-10-31T23:59:59Z'),
    ],
    groups: [TIER0_GROUP, helpdeskTeam],
    users,
  };
}
