import { ROLE } from '../directory/role-catalog';
import { assignment, customRole, eligibility, ID, roleGroup, snapshot, tapEvent, user } from './builders';
import type { RuleCase } from './types';

const target = user(ID.user, 'user@contoso.com');
const CUSTOM_ROLE = '9a000000-0000-4000-8000-000000000001';

export const cases: RuleCase[] = [
  {
    name: 'fires for a direct, tenant-wide Global Administrator',
    fires: true,
    event: tapEvent(),
    directory: snapshot({ roleAssignments: [assignment(ID.user, ROLE.globalAdministrator)] }),
    reason: /^Global Administrator \(active, direct, tenant-wide\)$/,
  },
  {
    name: 'fires for a User Administrator held through a role-assignable group in an administrative unit',
    fires: true,
    event: tapEvent(),
    directory: snapshot({
      groups: [roleGroup(ID.tier0Group, 'Tier0 Admins', [target])],
      roleAssignments: [
        assignment(ID.tier0Group, ROLE.userAdministrator, `/administrativeUnits/${ID.adminUnit}`),
      ],
    }),
    reason: /User Administrator \(active, group:Tier0 Admins, administrativeUnits\/e0000000/,
  },
  {
    name: 'fires for a PIM-eligible Privileged Role Administrator',
    fires: true,
    event: tapEvent(),
    directory: snapshot({
      roleEligibilityScheduleInstances: [eligibility(ID.user, ROLE.privilegedRoleAdministrator)],
    }),
    reason: /^Privileged Role Administrator \(eligible, tenant-wide\)$/,
  },
  {
    name: 'fires for a custom role whose name contains "admin"',
    fires: true,
    event: tapEvent(),
    directory: snapshot({
      roleDefinitions: [customRole(CUSTOM_ROLE, 'Contoso Device Admins')],
      roleAssignments: [assignment(ID.user, CUSTOM_ROLE)],
    }),
    reason: /Contoso Device Admins/,
  },
  {
    name: 'fires for a role listed in PRIVILEGED_ROLE_IDS',
    fires: true,
    event: tapEvent(),
    directory: snapshot({ roleAssignments: [assignment(ID.user, ROLE.globalReader)] }),
    config: { privilegedRoleIds: [ROLE.globalReader] },
    reason: /Global Reader/,
  },
  {
    name: 'stays quiet for a user holding only Directory Readers',
    fires: false,
    event: tapEvent(),
    directory: snapshot({ roleAssignments: [assignment(ID.user, ROLE.directoryReaders)] }),
  },
  {
    name: 'stays quiet when the Global Administrator eligibility has expired',
    fires: false,
    event: tapEvent(),
    directory: snapshot({
      roleEligibilityScheduleInstances: [
        eligibility(ID.user, ROLE.globalAdministrator, { endDateTime: '2026-11-01T00:00:00Z' }),
      ],
    }),
  },
  {
    name: 'stays quiet without directory data, whoever the target is',
    fires: false,
    event: tapEvent({ target: { userPrincipalName: 'ga@contoso.com' } }),
  },
];
