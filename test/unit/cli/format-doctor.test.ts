import { formatDoctorText } from '../../../src/cli/format-doctor';
import type { DoctorReport } from '../../../src/doctor/run-doctor';

describe('doctor text output', () => {
  it('prints one marked line per check with its fix, then the tally and exit code', () => {
    // Prepare
    const report: DoctorReport = {
      tenantId: 't-1',
      exitCode: 1,
      checks: [
        { id: 'identity', title: 'identity', status: 'fail', detail: 'no token', fix: 'az login' },
        { id: 'app-roles', title: 'app roles', status: 'skipped', detail: 'no token' },
        { id: 'licence', title: 'licence', status: 'degraded', detail: 'Entra ID P1, no P2' },
        { id: 'tables', title: 'tables', status: 'pass', detail: 'ok' },
      ],
    };

    // Act
    const text = formatDoctorText(report, 'https://graph.microsoft.com');

    // Assess
    expect(text).toBe(
      [
        'tapwatch doctor: tenant t-1, Graph https://graph.microsoft.com',
        '✗ identity   no token — fix: az login',
        '- app roles  no token',
        '! licence    Entra ID P1, no P2',
        '✓ tables     ok',
        '1 passed, 1 degraded, 1 failed, 1 skipped: exit 1',
        '',
      ].join('\n'),
    );
  });

  it('neutralizes terminal escapes in details that quote service text', () => {
    // Prepare
    const report: DoctorReport = {
      tenantId: 't-1',
      exitCode: 0,
      checks: [{ id: 'x', title: 'x', status: 'pass', detail: 'a\u001b[2Jb\u202ec' }],
    };

    // Act
    const text = formatDoctorText(report, 'https://graph.microsoft.com');

    // Assess
    expect(text).not.toContain('\u001b');
    expect(text).toContain('✓ x  abc');
    expect(text).not.toContain('\u202e');
  });
});
