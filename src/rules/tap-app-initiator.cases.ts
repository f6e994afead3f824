import { appInitiator, assignment, ID, snapshot, tapEvent } from './builders';
import type { RuleCase } from './types';

export const cases: RuleCase[] = [
  {
    name: 'fires for an app that is not allow-listed',
    fires: true,
    event: tapEvent({ initiator: appInitiator(ID.unknownApp, 'Graph Explorer Script') }),
    config: { allowedTapAppIds: [ID.lifecycleApp] },
    reason: /application "Graph Explorer Script" \(appId f0000000-0000-4000-8000-000000000002\)/,
  },
  {
    name: 'names the privileged roles an app holds through a role-assignable group',
    fires: true,
    event: tapEvent({ initiator: { type: 'app', appId: ID.unknownApp, displayName: 'Legacy Sync' } }),
    config: { allowedTapAppIds: [ID.lifecycleApp] },
    directory: snapshot({
      roleAssignments: [assignment(ID.tier0Group, '62e90394-69f5-4237-9190-012177145e10')],
      groups: [
        {
          id: ID.tier0Group,
          displayName: 'Tier0 Admins',
          isAssignableToRole: true,
          members: [
            {
              '@odata.type': '#microsoft.graph.servicePrincipal',
              id: '5e000000-0000-4000-8000-000000000009',
              displayName: 'Legacy Sync',
              appId: ID.unknownApp,
            },
          ],
        },
      ],
    }),
    reason: /It holds Global Administrator \(active, group:Tier0 Admins, tenant-wide\)/,
  },
  {
    name: 'fires for an app record that carries no app id',
    fires: true,
    event: tapEvent({ initiator: { type: 'app', displayName: 'Mystery' } }),
    config: { allowedTapAppIds: [ID.lifecycleApp] },
    reason: /appId unknown/,
  },
  {
    name: 'stays quiet for an allow-listed app, ignoring case',
    fires: false,
    event: tapEvent({ initiator: appInitiator(ID.lifecycleApp.toUpperCase(), 'Lifecycle Workflows') }),
    config: { allowedTapAppIds: [ID.lifecycleApp] },
  },
  {
    name: 'stays quiet for user initiators',
    fires: false,
    event: tapEvent(),
  },
];
