import { eventsOf, listedEvidence, relativeToStart } from './chain-link';
import type { ChainRule } from './chain-types';
import { entryOf } from './timeline';

/** How close to the TAP start a deletion must be to count, either side. */
export const VICTIM_WIPE_WINDOW_MS = 60 * 60_000;

/** Removing the owner's methods locks them out while the TAP holder moves in. */
export const tapVictimMethodsRemoved = {
  kind: 'chain',
  id: 'tap-victim-methods-removed',
  title: "Target's other methods deleted around the TAP",
  severity: 'high',
  attack: ['T1531', 'T1098'],
  description:
    'Another sign-in method of the target (not the TAP itself) was deleted within 60 minutes of the TAP start, before or after it: the owner loses their way in while the TAP holder gains one. A deletion before the TAP counts even when its record was read cycles before the TAP record: the cycle keeps recent deletions for TAPs read later.',
  triage: [
    'Ask the account owner whether they removed the method (lost phone, new device).',
    'If not, restore their methods, delete the TAP and revoke the sessions of the account.',
  ],
  falsePositives: [
    'Recovery of a user who lost their phone: the help desk deletes the old Authenticator and issues a TAP.',
  ],
  needsDirectory: false,
  evaluate(subject) {
    const start = Date.parse(subject.tap.tap.start);
    const removed = eventsOf(
      subject.events,
      'method-deleted',
      (e) => !e.isTap && Math.abs(Date.parse(e.time) - start) <= VICTIM_WIPE_WINDOW_MS,
    );
    const first = removed[0];
    if (!first) return undefined;
    const methods = [...new Set(removed.map((e) => e.method))];
    return {
      reason: `${methods.join(', ')} of ${subject.tap.target.name} deleted ${relativeToStart(first.time, subject.tap.tap)}.`,
      evidence: listedEvidence('deleted', removed, (e) => ({
        auditId: e.recordId,
        time: e.time,
        method: e.method,
      })),
      records: removed.map(entryOf),
    };
  },
} satisfies ChainRule;
