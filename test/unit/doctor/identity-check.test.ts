import type { TokenCredential } from '@azure/identity';
import { loadConfig } from '../../../src/config';
import { checkAppRoles, checkIdentity } from '../../../src/doctor/identity-check';
import { simulatedAccessToken } from '../../../src/sim/sim-access-token';
import { staticCredential } from '../../../src/sim/static-credential';

const TENANT = '6f3c1e2a-8b4d-4f7e-9a1c-2d5b8e0f4a37';
const config = loadConfig({ TENANT_ID: TENANT });
const SCOPE = 'https://graph.microsoft.com/.default';
const REQUIRED = ['AuditLog.Read.All', 'Directory.Read.All'];

describe('identity check', () => {
  it('names the app, service principal and tenant of an app-only token without printing the token', async () => {
    // Prepare
    const token = simulatedAccessToken({
      tid: TENANT,
      appid: 'app-1',
      oid: 'sp-1',
      idtyp: 'app',
      roles: REQUIRED,
    });

    // Act
    const outcome = await checkIdentity(config, staticCredential(token), SCOPE);

    // Assess
    expect(outcome.check.status).toBe('pass');
    expect(outcome.check.detail).toBe(
      `DefaultAzureCredential: app-only token for app id app-1, service principal (object id) sp-1, tenant ${TENANT}, 2 app role(s)`,
    );
    expect(JSON.stringify(outcome)).not.toContain(token.split('.')[1]);
  });

  it('fails a token issued for another tenant', async () => {
    // Prepare
    const other = '11111111-2222-4333-8444-555555555555';
    const token = simulatedAccessToken({ tid: other, appid: 'a', oid: 'o', idtyp: 'app' });

    // Act
    const outcome = await checkIdentity(config, staticCredential(token), SCOPE);

    // Assess
    expect(outcome.check.status).toBe('fail');
    expect(outcome.check.detail).toBe(`the token is for tenant ${other}, but TENANT_ID is ${TENANT}`);
    expect(outcome.check.fix).toContain(`az login --tenant ${TENANT}`);
  });

  it('degrades a delegated token: it tests the person running doctor, not the app identity', async () => {
    // Prepare
    const token = simulatedAccessToken({
      tid: TENANT,
      appid: 'cli',
      oid: 'u-1',
      idtyp: 'user',
      scp: 'AuditLog.Read.All',
      upn: 'ops@contoso.com',
    });

    // Act
    const outcome = await checkIdentity(config, staticCredential(token), SCOPE);

    // Assess
    expect(outcome.check.status).toBe('degraded');
    expect(outcome.check.detail).toContain('delegated token of user ops@contoso.com');
    expect(checkAppRoles(outcome.identity, REQUIRED)).toMatchObject({
      status: 'skipped',
      detail:
        'a delegated token carries scopes, not app roles (required ones among its scopes: AuditLog.Read.All)',
    });
  });

  it('passes an unreadable token and leaves the verdict to the Graph calls', async () => {
    // Act
    const outcome = await checkIdentity(config, staticCredential('opaque'), SCOPE);

    // Assess
    expect(outcome).toMatchObject({ gotToken: true, check: { status: 'pass' } });
    expect(checkAppRoles(outcome.identity, REQUIRED).status).toBe('skipped');
  });

  it('fails with the sign-in fix when no token comes, scrubbing secrets from the credential error', async () => {
    // Prepare
    const failing: TokenCredential = {
      getToken: async () => {
        throw new Error(
          'AADSTS7000215: Invalid client secret. Bearer eyJhbGciOi.eyJzdWIiOjF9.c2ln\nmore lines',
        );
      },
    };

    // Act
    const outcome = await checkIdentity(config, failing, SCOPE);

    // Assess
    expect(outcome.gotToken).toBe(false);
    expect(outcome.check.status).toBe('fail');
    expect(outcome.check.detail).toMatch(
      /^DefaultAzureCredential gave no token for .*: Error: AADSTS7000215/,
    );
    expect(outcome.check.detail).not.toContain('eyJ');
    expect(outcome.check.detail).not.toContain('more lines');
    expect(outcome.check.fix).toContain(`az login --tenant ${TENANT}`);
  });
});

describe('app roles check', () => {
  const app = (roles: string[]) => ({ kind: 'app' as const, objectId: 'sp-1', roles });

  it('fails naming every missing permission and the grant command for this service principal', () => {
    // Act
    const line = checkAppRoles(app(['GroupMember.Read.All']), REQUIRED);

    // Assess
    expect(line.status).toBe('fail');
    expect(line.detail).toBe(
      'the token lacks AuditLog.Read.All, Directory.Read.All (it holds GroupMember.Read.All)',
    );
    expect(line.fix).toMatch(
      /^grant AuditLog\.Read\.All, Directory\.Read\.All: scripts\/grant-graph-permissions\.sh sp-1 /,
    );
  });

  it('degrades a token holding more than tapwatch uses (least privilege), and passes an exact one', () => {
    // Act
    const extra = checkAppRoles(app([...REQUIRED, 'User.ReadWrite.All']), REQUIRED);
    const exact = checkAppRoles(app(REQUIRED), REQUIRED);

    // Assess
    expect(extra.status).toBe('degraded');
    expect(extra.detail).toContain('not used by tapwatch: User.ReadWrite.All');
    expect(exact.status).toBe('pass');
  });
});
