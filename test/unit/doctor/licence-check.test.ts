import type { ProbeAnswer } from '../../../src/doctor/graph-probe';
import { licenceCheck, tierFrom } from '../../../src/doctor/licence-check';

const OK: ProbeAnswer = { ok: true };
const NO_P2: ProbeAnswer = {
  ok: false,
  status: 400,
  code: 'AadPremiumLicenseRequired',
  message: 'GET /roleManagement/directory/roleEligibilityScheduleInstances failed with 400',
};
const NO_P1: ProbeAnswer = {
  ok: false,
  status: 403,
  code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
  message: 'GET /auditLogs/signIns failed with 403',
};
const DENIED: ProbeAnswer = {
  ok: false,
  status: 403,
  code: 'Authorization_RequestDenied',
  message: 'denied',
};
const DOWN: ProbeAnswer = {
  ok: false,
  status: 0,
  message: 'GET /auditLogs/signIns failed with a network error',
};

describe('licence tier from the answers Graph gives anyway', () => {
  it.each([
    ['eligibility readable', OK, NO_P1, 'p2'],
    ['no P2, sign-ins readable', NO_P2, OK, 'p1'],
    ['no P2, no P1', NO_P2, NO_P1, 'free'],
    ['eligibility refused for a permission, sign-ins readable', DENIED, OK, 'p1'],
    ['no P2, sign-ins refused for a permission', NO_P2, DENIED, undefined],
    ['nothing answered', DOWN, DOWN, undefined],
  ] as const)('%s → %s', (_name, eligibility, signIns, tier) => {
    // Act and Assess
    expect(tierFrom(eligibility, signIns)).toBe(tier);
  });

  it('passes a P2 tenant and degrades (never fails) P1, Free and unknown tenants', () => {
    // Act
    const lines = [
      licenceCheck(OK, OK, { auditRetentionDays: 30 }),
      licenceCheck(NO_P2, OK, { auditRetentionDays: 30 }),
      licenceCheck(NO_P2, NO_P1, { auditRetentionDays: 30 }),
      licenceCheck(NO_P2, DENIED, { auditRetentionDays: 30 }),
      licenceCheck(DOWN, DOWN, { auditRetentionDays: 30 }),
    ];

    // Assess
    expect(lines.map((l) => l.status)).toEqual(['pass', 'degraded', 'degraded', 'degraded', 'degraded']);
    expect(lines[1]?.detail).toMatch(/^Entra ID P1, no P2 .*PIM-eligible roles are not read/);
    expect(lines[2]?.detail).toMatch(/^Entra ID Free .*no sign-in correlation.*kept 7 days/);
    expect(lines[3]?.detail).toMatch(/^no Entra ID P2 .*could not be told/);
    expect(lines[4]?.detail).toMatch(
      /^could not be determined \(eligibility no answer, sign-ins no answer\)/,
    );
  });

  it('asks a Free tenant for AUDIT_RETENTION_DAYS=7 only when the setting is longer', () => {
    // Act
    const long = licenceCheck(NO_P2, NO_P1, { auditRetentionDays: 30 });
    const matched = licenceCheck(NO_P2, NO_P1, { auditRetentionDays: 7 });

    // Assess
    expect(long.fix).toMatch(/^set AUDIT_RETENTION_DAYS=7 \(it is 30\)/);
    expect(matched.fix).not.toContain('AUDIT_RETENTION_DAYS');
  });
});
