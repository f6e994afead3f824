import type { TokenIdentity } from './token-claims';

/**
 * How to give the identity the Graph permissions it lacks. An app-only token names its own service principal
 * (`oid`), which is what the grant script takes; a delegated token means doctor ran as a person, whose access
 * comes from consented scopes and directory roles instead.
 */
export function grantFix(permissions: readonly string[], identity: TokenIdentity | undefined): string {
  const names = permissions.join(', ');
  if (identity?.kind === 'user') {
    return `you are signed in as a user: Graph needs the delegated scope(s) ${names} consented for your client and a directory role that allows the read (e.g. Global Reader); to check the function app's own identity, run doctor where it runs (or as its service principal)`;
  }
  const principal = identity?.objectId ?? '<MANAGED_IDENTITY_PRINCIPAL_ID>';
  return `grant ${names}: scripts/grant-graph-permissions.sh ${principal} (as a Privileged Role Administrator), or azd env set GRANT_GRAPH_PERMISSIONS true && azd provision; a managed identity may keep its old token (and roles) for up to 24 hours`;
}
