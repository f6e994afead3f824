import { appInitiator, ID, tapEvent } from './builders';
import type { RuleCase } from './types';

export const cases: RuleCase[] = [
  {
    name: 'fires on an admin-issued one-hour TAP for a plain user',
    fires: true,
    event: tapEvent(),
    reason: /issued to user@contoso\.com by admin@contoso\.com, valid for 60 minutes/,
  },
  {
    name: 'fires on an app-issued TAP without directory data',
    fires: true,
    event: tapEvent({ initiator: appInitiator(ID.lifecycleApp) }),
    reason: /by application "Onboarding Automation"/,
  },
  {
    name: 'stays quiet when the record names no target object id',
    fires: false,
    event: tapEvent({ target: { id: '', userPrincipalName: 'user@contoso.com' } }),
  },
];
