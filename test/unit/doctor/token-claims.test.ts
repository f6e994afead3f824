import { readTokenIdentity } from '../../../src/doctor/token-claims';
import { simulatedAccessToken } from '../../../src/sim/sim-access-token';

const TENANT = '6f3c1e2a-8b4d-4f7e-9a1c-2d5b8e0f4a37';

describe('readTokenIdentity', () => {
  it('reads app id, object id, tenant and roles of an app-only token', () => {
    // Prepare
    const token = simulatedAccessToken({
      tid: TENANT,
      appid: 'app-1',
      oid: 'sp-1',
      idtyp: 'app',
      roles: ['AuditLog.Read.All'],
    });

    // Act
    const identity = readTokenIdentity(token);

    // Assess
    expect(identity).toMatchObject({
      kind: 'app',
      appId: 'app-1',
      objectId: 'sp-1',
      tenantId: TENANT,
      roles: ['AuditLog.Read.All'],
    });
    expect(identity?.expiresOn?.getTime()).toBeGreaterThan(Date.now());
  });

  it('tells a delegated token by its scopes when idtyp is absent, and reads the user name', () => {
    // Prepare
    const payload = Buffer.from(
      JSON.stringify({
        tid: TENANT,
        oid: 'u-1',
        azp: 'cli',
        scp: 'AuditLog.Read.All User.Read',
        upn: 'ops@contoso.com',
      }),
    ).toString('base64url');

    // Act
    const identity = readTokenIdentity(`e30.${payload}.sig`);

    // Assess
    expect(identity).toMatchObject({
      kind: 'user',
      appId: 'cli',
      userName: 'ops@contoso.com',
      scopes: ['AuditLog.Read.All', 'User.Read'],
    });
  });

  it.each([
    ['an opaque token', 'opaque-token-without-dots'],
    ['a payload that is not JSON', 'e30.bm90IGpzb24.sig'],
    ['a payload that is an array', `e30.${Buffer.from('[1]').toString('base64url')}.sig`],
  ])('returns undefined for %s', (_name, token) => {
    // Act and Assess
    expect(readTokenIdentity(token)).toBeUndefined();
  });

  it('drops control characters from claims it shows', () => {
    // Prepare
    const payload = Buffer.from(JSON.stringify({ upn: 'a\u001b[31mb', scp: 'x' })).toString('base64url');

    // Act and Assess
    expect(readTokenIdentity(`e30.${payload}.sig`)?.userName).toBe('a?[31mb');
  });
});
