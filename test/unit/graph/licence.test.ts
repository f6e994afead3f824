import { GraphRequestError } from '../../../src/errors';
import { GraphServiceError } from '../../../src/graph/graph-errors';
import { licenceGapFrom, licenceTierFrom, probeLicensedCall } from '../../../src/graph/licence';

const serviceError = (status: number, code?: string) =>
  new GraphServiceError(`GET /x failed with ${status}`, status, code, 'message');

describe('licenceGapFrom', () => {
  it.each([
    [
      400,
      'AadPremiumLicenseRequired',
      /\(400 AadPremiumLicenseRequired\): the tenant has no Microsoft Entra ID P2/,
    ],
    [403, 'AadPremiumLicenseRequired', /\(403 AadPremiumLicenseRequired\): the tenant has no/],
    [
      403,
      'Authorization_RequestDenied',
      /\(403 Authorization_RequestDenied\): no .* licence, or the permission/,
    ],
    [403, undefined, /\(403 Forbidden\): no .* licence, or the permission/],
  ])('reads eligibility %i %s as a licence gap', (status, code, reason) => {
    const gap = licenceGapFrom(serviceError(status, code), 'eligibility');
    expect(gap).toMatchObject({ feature: 'eligibility', status, code: code ?? 'Forbidden' });
    expect(gap?.reason).toMatch(reason);
    expect(gap?.reason).toMatch(/only active roles were considered$/);
  });

  it('reads the sign-in refusal of a Free tenant as a P1 gap', () => {
    const gap = licenceGapFrom(
      serviceError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'),
      'signIns',
    );
    expect(gap?.reason).toBe(
      'sign-in logs unavailable (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant): the tenant has no Microsoft Entra ID P1 or P2 licence; TAP sign-ins were not checked',
    );
  });

  it.each([
    ['a 400 that names no licence', serviceError(400, 'BadRequest')],
    ['a 500', serviceError(500, 'InternalServerError')],
    ['a 429 that ran out of retries', new GraphRequestError('GET /x failed with 429 after 3 retries', 429)],
    ['a network error', new GraphRequestError('GET /x failed with a network error', 0)],
    ['a plain error', new TypeError('boom')],
  ])('is no licence gap for %s', (_name, error) => {
    expect(licenceGapFrom(error, 'eligibility')).toBeUndefined();
  });
});

describe('probeLicensedCall and licenceTierFrom', () => {
  const ok = async () => ({});
  const refuse = (status: number, code?: string) => async () => {
    throw serviceError(status, code);
  };

  it('tells P2, P1 and Free apart from the two probes', async () => {
    // Act
    const p2 = [await probeLicensedCall('eligibility', ok)];
    const p1 = [
      await probeLicensedCall('eligibility', refuse(400, 'AadPremiumLicenseRequired')),
      await probeLicensedCall('signIns', ok),
    ];
    const free = [
      await probeLicensedCall('eligibility', refuse(400, 'AadPremiumLicenseRequired')),
      await probeLicensedCall(
        'signIns',
        refuse(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'),
      ),
    ];

    // Assess
    expect([licenceTierFrom(p2), licenceTierFrom(p1), licenceTierFrom(free)]).toEqual(['p2', 'p1', 'free']);
  });

  it('does not guess a tier from a bare 403, which may be a missing permission', async () => {
    const probes = [
      await probeLicensedCall('eligibility', refuse(403, 'Authorization_RequestDenied')),
      await probeLicensedCall('signIns', refuse(403, 'Authorization_RequestDenied')),
    ];
    expect(licenceTierFrom(probes)).toBeUndefined();
  });

  it('rethrows what is not a licence gap', async () => {
    await expect(probeLicensedCall('eligibility', refuse(503, 'ServiceUnavailable'))).rejects.toThrow(
      'GET /x failed with 503',
    );
  });
});
