import { buildTeamsMessage } from '../../../src/alerts/teams-card';
import { alertFindingId, formatDemoReport } from '../../../src/cli/format-demo';
import { emptySummary } from '../../../src/cycle-summary';
import type { Finding } from '../../../src/rules/finding';
import type { ReceivedAlert } from '../../../src/sim/alert-receiver';
import type { StoredFinding } from '../../../src/store/store';
import { sampleFinding } from '../alerts/sample-finding';

function received(channel: string, body: unknown, signatureValid?: boolean): ReceivedAlert {
  return {
    channel,
    path: `/${channel}`,
    status: 202,
    receivedAt: '',
    headers: {},
    body,
    ...(signatureValid === undefined ? {} : { signatureValid }),
  };
}

function stored(
  finding: Finding,
  alertStatus: StoredFinding['alertStatus'],
  suppressedBy?: string,
): StoredFinding {
  return { finding, alertStatus, deliveries: {}, ...(suppressedBy ? { suppressedBy } : {}) };
}

const high = sampleFinding({ id: 'high-early', activityDateTime: '2026-11-20T08:00:00Z' });
const highLater = sampleFinding({
  id: 'high-late',
  activityDateTime: '2026-11-20T10:00:00Z',
  title: 'TAP issued to privileged account later@contoso.com',
});
const critical = sampleFinding({
  id: 'critical',
  severity: 'critical',
  activityDateTime: '2026-11-20T07:00:00Z',
  title: 'TAP issued to directory sync account Sync_X_0a1b2c3d4e5f@contoso.com',
  rules: [
    { id: 'tap-issued', severity: 'informational', reason: 'issued', evidence: {} },
    { id: 'tap-sync-account', severity: 'critical', reason: 'Target is a sync account.', evidence: {} },
    {
      id: 'tap-initiator-not-authorized',
      severity: 'high',
      reason: 'Self-issued.',
      evidence: { selfIssued: true },
    },
  ],
});
const routine = sampleFinding({
  id: 'routine',
  severity: 'informational',
  activityDateTime: '2026-11-20T11:00:00Z',
  rules: [{ id: 'tap-issued', severity: 'informational', reason: 'issued', evidence: {} }],
});
const repeat = sampleFinding({ id: 'repeat', activityDateTime: '2026-11-20T09:00:00Z' });

function report() {
  return formatDemoReport({
    file: '/somewhere/sample-tenant.json',
    tenant: {
      roleDefinitions: [],
      roleAssignments: [],
      roleEligibilityScheduleInstances: [],
      groups: [],
      users: [{ id: 'u1' }],
      directoryAudits: [{}, {}],
    },
    stored: [
      stored(high, 'alerted'),
      stored(routine, 'below-threshold'),
      stored(critical, 'alerted'),
      stored(highLater, 'alerted'),
      stored(repeat, 'suppressed', 'high-early'),
    ],
    alerts: [
      received('teams', buildTeamsMessage(high)),
      received('webhook', high, true),
      received('teams', buildTeamsMessage(critical)),
      received('webhook', critical, true),
      received('teams', buildTeamsMessage(critical)),
      received('teams', buildTeamsMessage(highLater)),
      received('webhook', highLater, false),
    ],
    summaries: [emptySummary('t', 'r', new Date('2026-11-20T12:00:00Z'))],
  });
}

describe('formatDemoReport()', () => {
  it('lists findings most severe first, newest first within a severity, with a short reason each', () => {
    // Act
    const rows = report()
      .split('\n')
      .filter((line) => /^(critical|high|informational) /.test(line));

    // Assess
    expect(rows.map((r) => r.split(/\s{2,}/)[1])).toEqual([
      '2026-11-20 07:00',
      '2026-11-20 10:00',
      '2026-11-20 09:00',
      '2026-11-20 08:00',
      '2026-11-20 11:00',
    ]);
    expect(rows[0]).toMatch(/directory sync account; self-issued\s+teams x2, webhook$/);
    expect(rows[2]).toMatch(/holds Global Administrator\s+suppressed: repeat of 08:00 UTC$/);
    expect(rows[4]).toMatch(/routine \(no risk rule fired\)\s+below threshold$/);
  });

  it('counts alerts per finding and per channel, and flags a webhook signature that did not verify', () => {
    // Act
    const text = report();

    // Assess
    expect(text).toContain(
      'ALERTS: 3 findings alerted, 7 channel deliveries received by the local receivers',
    );
    expect(text).toContain('  teams    4 for 3 findings');
    expect(text).toContain('  webhook  3 for 3 findings: 2 of 3 signatures valid');
    expect(text).toMatch(/^high +2026-11-20 10:00 .* teams, webhook \(SIGNATURE INVALID\)$/m);
    expect(text).toContain(
      '1 suppressed (same target, initiator and rules alerted within DEDUP_WINDOW_HOURS)',
    );
    expect(text).toContain('1 below ALERT_MIN_SEVERITY, stored without an alert');
  });

  it('shows the Teams card the most severe finding was alerted with, rendered from the card JSON', () => {
    // Act
    const text = report();

    // Assess
    const card = text.slice(text.indexOf('TEAMS CARD'), text.indexOf('CYCLES'));
    expect(card).toContain('TEAMS CARD of the most severe alert (critical), as the workflow received it');
    expect(card).toContain('│ CRITICAL · Temporary Access Pass issued');
    expect(card).toContain('│ TAP issued to directory sync account Sync_X_0a1b2c3d4e5f[@]contoso[.]com');
    expect(card).toContain('│ tap-sync-account (critical): Target is a sync account.');
    expect(card).toContain('│ Finding id: critical');
  });
});

describe('alertFindingId', () => {
  it('reads the finding id from a webhook body and from the Teams card that tapwatch builds', () => {
    const finding = sampleFinding();
    expect(alertFindingId(received('webhook', finding))).toBe(finding.id);
    expect(alertFindingId(received('teams', buildTeamsMessage(finding)))).toBe(finding.id);
  });

  it('gives an empty id for a body that carries none', () => {
    expect(alertFindingId(received('teams', { type: 'message', attachments: [] }))).toBe('');
  });
});
