import { runDetectionCycle } from '../../../src/cycle';
import type { Finding } from '../../../src/rules/finding';
import { buildSampleTenant, SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { createMemoryTables } from '../../../src/store/memory-tables';
import { huge, overLimit } from '../audit/poisoned-chain';
import { chainFinding, fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const HOUR = 3_600_000;
const VICTIM = SAMPLE_PEOPLE.tier0MemberB.id;
const CUT_INSIDE = /…\[cut [\d,]+ chars, sha256:[0-9a-f]{8}\]/;

type Json = Record<string, unknown>;

/**
 * The sample day as the demo serves it, with the chain TAP's sign-in and the passkey registered with it
 * rewritten so every free-text field holds 100,000 characters (ids of the victim kept, so they still link).
 */
function poisonedTenant() {
  const tenant = shiftAuditTimes(buildSampleTenant(), new Date(NOW.getTime() + HOUR), 5);
  const audits = tenant.directoryAudits as Json[];
  const passkey = audits.find(
    (r) =>
      r.activityDisplayName === 'User registered security info' &&
      (r.targetResources as Json[])[0]?.id === VICTIM,
  );
  const signIn = (tenant.signIns as Json[]).find(
    (s) => s.userId === VICTIM && JSON.stringify(s.authenticationDetails).includes('Temporary Access Pass'),
  );
  if (!passkey || !signIn) throw new Error('the sample tenant lost its chain records');
  Object.assign(passkey, {
    id: huge('poisoned-passkey-', 'i'),
    resultReason: `User registered ${huge('Fido2 ', 'k')}`,
    initiatedBy: {
      user: {
        id: VICTIM,
        displayName: huge('Victim ', 'ü'),
        userPrincipalName: huge('v', 'v'),
        ipAddress: huge('203.', '3'),
      },
    },
    targetResources: [
      { id: VICTIM, type: 'User', displayName: huge('Victim ', 'ü'), userPrincipalName: huge('v', 'v') },
    ],
  });
  Object.assign(signIn, {
    id: huge('poisoned-signin-', 's'),
    userPrincipalName: huge('v', 'v'),
    userDisplayName: huge('Victim ', 'ü'),
    appDisplayName: huge('My Sign-Ins ', 'a'),
    ipAddress: huge('203.0.113.66 ', '6'),
  });
  return tenant;
}

describe('runDetectionCycle over chain records with 100,000-character fields', () => {
  it('stores and alerts the escalated chain finding with every text bounded and marked, the cycles ok', async () => {
    // Prepare
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = poisonedTenant();
    const run = (at: Date) => runDetectionCycle(memoryDeps(tenant, [channel], tables), at);

    // Act
    const first = await run(NOW);
    const second = await run(new Date(NOW.getTime() + HOUR));

    // Assess: nothing quarantined, the escalation went out
    for (const summary of [first, second]) {
      expect(summary.status).toBe('ok');
      expect(summary.findings.quarantined).toBe(0);
    }
    const sent = chainFinding(channel.taken);
    expect(sent.map((f) => f.severity)).toEqual(['high', 'critical']);
    const escalated = sent[1] as Finding;
    expect(escalated.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['tap-signin', 'tap-method-registered']),
    );
    // every text of the alerted finding is bounded; the poisoned names show the marker
    expect(overLimit(escalated)).toEqual([]);
    const timeline = escalated.timeline ?? [];
    expect(timeline.map((e) => e.kind)).toEqual(['tap-issued', 'tap-signin', 'method-registered']);
    expect(timeline[1]?.summary).toMatch(/^Signed in with the TAP to My Sign-Ins a+…\[cut /);
    expect(timeline[2]?.summary).toMatch(CUT_INSIDE);
    expect(timeline[2]?.auditId).toMatch(/^poisoned-passkey-i+…\[cut 99,/);
    // and the stored finding is bounded the same way
    const stored = [...tables.findings.values()]
      .flatMap((partition) => [...partition.values()])
      .map((row) => row.value.stored.finding)
      .find((f) => f.id === escalated.id);
    expect(stored?.timeline).toEqual(escalated.timeline);
    expect(overLimit(stored)).toEqual([]);
  });
});
