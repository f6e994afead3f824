import { randomBytes } from 'node:crypto';
import type { Finding } from '../rules/finding';

/** Rule id of the test alert: no real rule has it, so receivers can filter test traffic out. */
export const TEST_ALERT_RULE = 'doctor-test-alert';

/**
 * The finding `tapwatch doctor --send-test-alert` sends through each channel, built like a real one so it
 * travels the same path (card builder, Standard Webhooks signature) and labelled as a test everywhere a
 * person or a receiver looks: title, rule, target, triage and notes. Informational, with no TAP behind it.
 */
export function testFinding(tenantId: string, now: Date): Finding {
  const at = now.toISOString();
  return {
    id: `doctor-test-${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`,
    tenantId,
    severity: 'informational',
    title: 'TEST ALERT from tapwatch doctor: not a real finding, no action needed',
    activityDateTime: at,
    detectedAt: at,
    rules: [
      {
        id: TEST_ALERT_RULE,
        severity: 'informational',
        reason:
          'Sent by tapwatch doctor --send-test-alert to check that this channel receives tapwatch alerts.',
        evidence: { test: true },
      },
    ],
    target: { id: 'tapwatch-doctor-test', displayName: 'tapwatch doctor (test alert)', roles: [] },
    initiator: { type: 'app', displayName: 'tapwatch doctor', roles: [] },
    tap: {},
    audit: {
      ids: [],
      correlationId: '',
      activity: 'tapwatch doctor test alert',
      resultReason: 'test alert: no TAP was issued',
      source: 'graph',
    },
    attack: [],
    triage: ['Nothing to do: this is a test alert sent by tapwatch doctor.'],
    notes: ['Test alert: no Temporary Access Pass was issued and no audit record exists.'],
  };
}
