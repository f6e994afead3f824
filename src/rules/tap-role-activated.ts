import { duringTap, eventsOf, listedEvidence, relativeToStart } from './chain-link';
import type { ChainRule } from './chain-types';
import { entryOf } from './timeline';

/** An eligible role turned active by whoever holds the TAP: the privilege is now in use. */
export const tapRoleActivated = {
  kind: 'chain',
  id: 'tap-role-activated',
  title: 'PIM role activated with the TAP',
  severity: 'critical',
  attack: ['T1078.004', 'T1548'],
  description:
    'The target activated (or requested activation of) a PIM-eligible role between the start and the end of the TAP: the TAP satisfied the MFA that activation asks for.',
  triage: [
    'Confirm with the account owner out of band that they activated the role.',
    'If not, end the activation, delete the TAP, revoke sessions and review what was done with the role.',
  ],
  falsePositives: ['An administrator recovering access who activates their role to finish the recovery.'],
  needsDirectory: false,
  evaluate(subject) {
    const activations = eventsOf(subject.events, 'role-activated', (e) => duringTap(e.time, subject.tap.tap));
    const first = activations[0];
    if (!first) return undefined;
    const roles = [...new Set(activations.map((e) => e.role.name ?? e.role.templateId ?? 'a role'))];
    return {
      reason: `${roles.join(', ')} activated by ${subject.tap.target.name} ${relativeToStart(first.time, subject.tap.tap)}.`,
      evidence: listedEvidence('activations', activations, (e) => ({
        auditId: e.recordId,
        time: e.time,
        role: e.role.name ?? null,
        templateId: e.role.templateId ?? null,
        stage: e.stage,
      })),
      records: activations.map(entryOf),
    };
  },
} satisfies ChainRule;
