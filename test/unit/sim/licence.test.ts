import { auditRetentionDays, licenceOf, licenceServes, refuseUnlicensed } from '../../../src/sim/licence';
import { ODataError } from '../../../src/sim/odata-error';

describe('the simulator licence model', () => {
  it('treats a tenant that names no licence as P2', () => {
    expect(licenceOf({})).toBe('p2');
    expect(licenceOf({ licence: 'free' })).toBe('free');
  });

  it.each([
    ['free', false, false],
    ['p1', false, true],
    ['p2', true, true],
  ] as const)('a %s tenant serves eligibility: %s, sign-ins: %s', (licence, eligibility, signIns) => {
    expect(licenceServes(licence, 'eligibility')).toBe(eligibility);
    expect(licenceServes(licence, 'signIns')).toBe(signIns);
  });

  it('refuses eligibility without P2 with 400 AadPremiumLicenseRequired', () => {
    const refuse = () => refuseUnlicensed('p1', 'eligibility');
    expect(refuse).toThrow(ODataError);
    expect(refuse).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'AadPremiumLicenseRequired',
        message: 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
      }),
    );
    expect(() => refuseUnlicensed('p2', 'eligibility')).not.toThrow();
  });

  it('refuses sign-ins without P1 with 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant', () => {
    expect(() => refuseUnlicensed('free', 'signIns')).toThrow(
      expect.objectContaining({ status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' }),
    );
    expect(() => refuseUnlicensed('p1', 'signIns')).not.toThrow();
  });

  it('keeps audit logs 7 days on Free and 30 on P1 and P2', () => {
    expect([auditRetentionDays('free'), auditRetentionDays('p1'), auditRetentionDays('p2')]).toEqual([
      7, 30, 30,
    ]);
  });
});
