import { subject, tapRef } from './chain-builders';
import type { ChainRuleCase } from './chain-types';

const registered = { id: 'tap-method-registered', severity: 'informational' } as const;
const issued = { id: 'tap-issued', severity: 'informational' } as const;

export const cases: ChainRuleCase[] = [
  {
    name: 'fires when a method was registered with a TAP to a privileged account',
    fires: true,
    subject: subject({
      tap: tapRef({ rules: [issued, { id: 'tap-privileged-target', severity: 'high' }, registered] }),
    }),
    reason: /tap-privileged-target/,
  },
  {
    name: 'fires when a method was registered after a PIM role activation with the same TAP',
    fires: true,
    subject: subject({
      tap: tapRef({ rules: [issued, { id: 'tap-role-activated', severity: 'critical' }, registered] }),
    }),
  },
  {
    name: 'stays quiet for a method registered with a TAP to an ordinary user by an authorised help desk',
    fires: false,
    subject: subject({ tap: tapRef({ rules: [issued, registered] }) }),
  },
  {
    name: 'stays quiet for a privileged target that registered nothing',
    fires: false,
    subject: subject({ tap: tapRef({ rules: [issued, { id: 'tap-privileged-target', severity: 'high' }] }) }),
  },
  {
    name: 'stays quiet when the only serious rule is a medium app initiator',
    fires: false,
    subject: subject({
      tap: tapRef({ rules: [issued, { id: 'tap-app-initiator', severity: 'medium' }, registered] }),
    }),
  },
];
