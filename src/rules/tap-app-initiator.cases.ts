import { appInitiator, ID, tapEvent } from './builders';
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
