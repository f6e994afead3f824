import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { errorMessage } from '../errors';
import { clip } from '../graph/graph-errors';
import { redactSecrets } from '../logging/redact';
import { type CheckResult, result } from './check';
import { grantFix } from './grant-fix';
import { readTokenIdentity, type TokenIdentity } from './token-claims';

/** What the identity check learnt: whether a token came, and whose it is when its claims are readable. */
export interface IdentityOutcome {
  check: CheckResult;
  gotToken: boolean;
  identity?: TokenIdentity;
}

/**
 * Asks the credential the function uses for a Graph token and says whose it is: app id, object id and
 * tenant for an app-only token, the user for a delegated one. The token is read, never printed or kept.
 */
export async function checkIdentity(
  config: Config,
  credential: TokenCredential,
  scope: string,
): Promise<IdentityOutcome> {
  const source = config.managedIdentityClientId
    ? `managed identity ${config.managedIdentityClientId} (AZURE_CLIENT_ID)`
    : 'DefaultAzureCredential';
  let token: string;
  try {
    const answer = await credential.getToken(scope);
    if (!answer?.token) throw new Error('the credential returned no token');
    token = answer.token;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = errorMessage(error);
    const fix = config.managedIdentityClientId
      ? 'AZURE_CLIENT_ID must be the client id of the user-assigned identity attached to the app (azd env get-value MANAGED_IDENTITY_CLIENT_ID); leave it unset outside Azure'
      : `sign in to the watched tenant (az login --tenant ${config.tenantId}), or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal`;
    const detail = `${source} gave no token for ${scope}: ${name}: ${clip(redactSecrets(message.split('\n')[0] ?? ''), 240)}`;
    return { check: result('identity', 'identity', 'fail', detail, fix), gotToken: false };
  }
  const identity = readTokenIdentity(token);
  if (!identity) {
    const detail = `${source} got a token for ${scope}; it is not a readable JWT (Microsoft may encrypt tokens for its APIs), so its claims are not shown: the Graph checks below decide`;
    return { check: result('identity', 'identity', 'pass', detail), gotToken: true };
  }
  if (identity.tenantId && identity.tenantId.toLowerCase() !== config.tenantId) {
    const detail = `the token is for tenant ${identity.tenantId}, but TENANT_ID is ${config.tenantId}`;
    const fix = `sign in to the watched tenant (az login --tenant ${config.tenantId}) or correct TENANT_ID`;
    return { check: result('identity', 'identity', 'fail', detail, fix), gotToken: true, identity };
  }
  return { check: describeIdentity(identity, source), gotToken: true, identity };
}

function describeIdentity(identity: TokenIdentity, source: string): CheckResult {
  const tenant = identity.tenantId ?? 'unknown';
  if (identity.kind === 'user') {
    const who = identity.userName ?? identity.objectId ?? 'unknown user';
    return result(
      'identity',
      'identity',
      'degraded',
      `${source}: delegated token of user ${who} (object id ${identity.objectId ?? '?'}) in tenant ${tenant}; the checks below test this account, not the function app's managed identity`,
      "run doctor with the app's identity for a verdict on the deployment (in Azure, or as its service principal)",
    );
  }
  const kind = identity.kind === 'app' ? 'app-only token' : 'token';
  const roles = identity.roles ? `, ${identity.roles.length} app role(s)` : '';
  return result(
    'identity',
    'identity',
    'pass',
    `${source}: ${kind} for app id ${identity.appId ?? '?'}, service principal (object id) ${identity.objectId ?? '?'}, tenant ${tenant}${roles}`,
  );
}

/**
 * The token's `roles` claim against the permissions tapwatch needs: names what is missing (the grant fix
 * uses the service principal id from the token) and what is granted but unused (least privilege).
 */
export function checkAppRoles(identity: TokenIdentity | undefined, required: readonly string[]): CheckResult {
  if (!identity || identity.kind === 'unknown') {
    return result(
      'app-roles',
      'app roles',
      'skipped',
      'token claims not readable: the Graph calls below decide',
    );
  }
  if (identity.kind === 'user') {
    const scopes = (identity.scopes ?? []).filter((s) => required.includes(s));
    return result(
      'app-roles',
      'app roles',
      'skipped',
      `a delegated token carries scopes, not app roles (required ones among its scopes: ${scopes.join(', ') || 'none'})`,
    );
  }
  const held = new Set(identity.roles ?? []);
  const missing = required.filter((name) => !held.has(name));
  const extra = [...held].filter((name) => !required.includes(name)).sort();
  if (missing.length > 0) {
    return result(
      'app-roles',
      'app roles',
      'fail',
      `the token lacks ${missing.join(', ')} (it holds ${[...held].sort().join(', ') || 'no app roles'})`,
      grantFix(missing, identity),
    );
  }
  if (extra.length > 0) {
    return result(
      'app-roles',
      'app roles',
      'degraded',
      `every required permission is granted (${required.join(', ')}); also granted, and not used by tapwatch: ${extra.join(', ')}`,
      'least privilege: remove the unused ones (Entra admin center, Enterprise applications, the identity, Permissions) unless something else uses this identity',
    );
  }
  return result(
    'app-roles',
    'app roles',
    'pass',
    `the token holds every required permission: ${required.join(', ')}`,
  );
}
