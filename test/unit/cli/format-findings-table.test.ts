import { formatAlertState } from '../../../src/cli/format-alert-state';
import { formatFindingsTable } from '../../../src/cli/format-findings-table';
import type { Finding } from '../../../src/rules/finding';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'f1',
    tenantId: 'offline',
    severity: 'high',
    title: 'TAP issued to privileged account ga@contoso.com',
    activityDateTime: '2026-11-20T08:14:05.1234567Z',
    detectedAt: '2026-11-20T09:00:00.000Z',
    rules: [
      { id: 'tap-issued', severity: 'informational', reason: 'r', evidence: {} },
      { id: 'tap-privileged-target', severity: 'high', reason: 'r', evidence: {} },
    ],
    target: { id: 't1', userPrincipalName: 'ga@contoso.com', roles: [] },
    initiator: { type: 'user', id: 'i1', userPrincipalName: 'helen.desk@contoso.com', roles: [] },
    tap: {},
    audit: { ids: ['a1'], correlationId: 'c1', activity: 'x', resultReason: 'y', source: 'graph' },
    attack: [],
    triage: [],
    ...overrides,
  };
}

describe('formatFindingsTable()', () => {
  it('shows severity, UTC time, target, initiator and a short reason in aligned columns', () => {
    // Act
    const table = formatFindingsTable([finding()], '3 records in 1 input, 1 TAP events');

    // Assess
    expect(table.split('\n')).toEqual([
      'SEVERITY  TIME (UTC)        TARGET              INITIATOR                     REASON',
      'high      2026-11-20 08:14  ga[@]contoso[.]com  helen[.]desk[@]contoso[.]com  privileged target',
      '',
      '1 finding: 1 high (3 records in 1 input, 1 TAP events)',
      '',
    ]);
  });

  it('keeps attacker-controlled names from steering the terminal', () => {
    // Prepare
    const evil = finding({
      target: {
        id: 't1',
        displayName: '\u001b[2J\u001b]0;pwned\u0007Eve\r\nhigh fake-row\u202egnp.exe',
        roles: [],
      },
      initiator: { type: 'app', displayName: '\u009b31mApp\u0000', roles: [] },
    });

    // Act
    const table = formatFindingsTable([evil]);

    // Assess
    const row = table.split('\n')[1] ?? '';
    expect(table.split('\n')).toHaveLength(5);
    expect(table.split('\n').filter((line) => /[\p{Cc}\u202e]/u.test(line))).toEqual([]);
    expect(row).toContain('Eve\ufffd\ufffdhigh fake-rowgnp[.]exe');
    expect(row).toContain('app \ufffd31mApp\ufffd');
  });

  it('cuts very long names with an ellipsis', () => {
    // Act
    const table = formatFindingsTable([
      finding({ target: { id: 't', userPrincipalName: `${'a'.repeat(80)}@x.com`, roles: [] } }),
    ]);

    // Assess
    expect(table).toContain(`${'a'.repeat(43)}…`);
    expect(table).not.toContain('a'.repeat(44));
  });

  it('adds an ALERT column after the reason, one cell per finding', () => {
    // Act
    const table = formatFindingsTable([finding()], undefined, ['teams, webhook']);

    // Assess
    expect(table.split('\n').slice(0, 2)).toEqual([
      'SEVERITY  TIME (UTC)        TARGET              INITIATOR                     REASON             ALERT',
      'high      2026-11-20 08:14  ga[@]contoso[.]com  helen[.]desk[@]contoso[.]com  privileged target  teams, webhook',
    ]);
  });

  it('says so when there is nothing to show', () => {
    // Act
    const table = formatFindingsTable([], '10 records in 1 input, 0 TAP events');

    // Assess
    expect(table).toBe('No TAP findings (10 records in 1 input, 0 TAP events).\n');
  });
});

describe('formatAlertState()', () => {
  it('says per channel whether the alert was delivered, only accepted, or failed', () => {
    const at = '2026-11-20T09:00:00.000Z';
    expect(
      formatAlertState({
        alertStatus: 'alerted',
        deliveries: {
          'webhook:102bee9b': { status: 'delivered', attempts: 1, lastAttemptAt: at, deliveredAt: at },
          teams: { status: 'accepted', attempts: 1, lastAttemptAt: at, acceptedAt: at },
        },
      }),
    ).toBe('alerted: teams accepted, webhook:102bee9b delivered');
    expect(
      formatAlertState({
        alertStatus: 'pending',
        deliveries: { teams: { status: 'failed', attempts: 4, lastAttemptAt: at, error: '503' } },
      }),
    ).toBe('pending: teams failed');
    expect(formatAlertState({ alertStatus: 'suppressed', deliveries: {} })).toBe('suppressed');
    expect(formatAlertState({ alertStatus: 'below-threshold', deliveries: {} })).toBe('stored only');
  });

  it('adds an ALERT column to the findings table when alert cells are given', () => {
    const table = formatFindingsTable([finding()], undefined, ['alerted: teams accepted']);
    expect(table.split('\n')[0]).toMatch(/REASON\s+ALERT$/);
    expect(table.split('\n')[1]).toMatch(/privileged target\s+alerted: teams accepted$/);
  });
});
