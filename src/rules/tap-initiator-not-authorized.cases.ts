import { ROLE } from '../directory/role-catalog';
import { appInitiator, assignment, eligibility, ID, snapshot, tapEvent, userInitiator } from './builders';
import type { RuleCase } from './types';

const byHelpdesk = tapEvent({ initiator: userInitiator(ID.helpdesk, 'helpdesk@contoso.com') });

export const cases: RuleCase[] = [
  {
    name: 'fires when a Helpdesk Administrator issues a TAP',
    fires: true,
    event: byHelpdesk,
    directory: snapshot({ roleAssignments: [assignment(ID.helpdesk, ROLE.helpdeskAdministrator)] }),
    reason: /holds no active role that may issue/,
  },
  {
    name: 'fires when an Authentication Administrator issues a TAP to an eligible Global Administrator',
    fires: true,
    event: byHelpdesk,
    directory: snapshot({
      roleAssignments: [assignment(ID.helpdesk, ROLE.authenticationAdministrator)],
      roleEligibilityScheduleInstances: [eligibility(ID.user, ROLE.globalAdministrator)],
    }),
    reason: /only to non-admin users, but the target holds Global Administrator \(eligible/,
  },
  {
    name: 'fires when the issuer is only eligible for Global Administrator',
    fires: true,
    event: tapEvent(),
    directory: snapshot({
      roleEligibilityScheduleInstances: [eligibility(ID.admin, ROLE.globalAdministrator)],
    }),
    reason: /only as eligible/,
  },
  {
    name: 'fires on a self-issued TAP even without directory data',
    fires: true,
    event: tapEvent({ initiator: userInitiator(ID.user, 'user@contoso.com') }),
    reason: /Self-issued/,
  },
  {
    name: 'stays quiet when a Global Administrator issues a TAP to another user',
    fires: false,
    event: tapEvent(),
    directory: snapshot({ roleAssignments: [assignment(ID.admin, ROLE.globalAdministrator)] }),
  },
  {
    name: 'stays quiet when an Authentication Administrator issues a TAP to a Directory Readers user',
    fires: false,
    event: byHelpdesk,
    directory: snapshot({
      roleAssignments: [
        assignment(ID.helpdesk, ROLE.authenticationAdministrator),
        assignment(ID.user, ROLE.directoryReaders),
      ],
    }),
  },
  {
    name: 'stays quiet for app initiators, which tap-app-initiator covers',
    fires: false,
    event: tapEvent({ initiator: appInitiator(ID.unknownApp) }),
    directory: snapshot(),
  },
  {
    name: 'stays quiet for another user without directory data',
    fires: false,
    event: byHelpdesk,
  },
];
