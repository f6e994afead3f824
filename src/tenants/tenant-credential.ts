import { ClientAssertionCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { createAzureCredential } from '../credential';
import { TapwatchError } from '../errors';
import type { TenantRecord } from './tenant-record';

/**
 * The audience Entra requires of a managed identity token used as a federated identity credential
 * ("Configure an application to trust a managed identity":
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
 */
export const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

/** The managed identity could not produce the assertion a customer tenant's app sign-in needs. */
export class FederatedAssertionError extends TapwatchError {}

/**
 * How one tenant's Graph is reached, without a secret anywhere. The home tenant: the deployment's managed
 * identity (`createAzureCredential`). A customer tenant: the multi-tenant app registration, signing in to
 * that tenant with a client assertion that is a managed identity token for `api://AzureADTokenExchange`;
 * the app's federated identity credential trusts exactly that identity (issuer = home tenant, subject =
 * the identity's object id), and the customer's admin consented the app's Graph permissions.
 */
export function tenantCredential(
  tenant: Pick<TenantRecord, 'tenantId' | 'auth' | 'appClientId'>,
  config: Pick<Config, 'managedIdentityClientId'>,
  managedIdentity: TokenCredential = createAzureCredential(config),
): TokenCredential {
  if (tenant.auth === 'managed-identity') return managedIdentity;
  if (!tenant.appClientId) {
    throw new FederatedAssertionError(`tenant ${tenant.tenantId}: federated-app needs the app's client id`);
  }
  return new ClientAssertionCredential(tenant.tenantId, tenant.appClientId, () =>
    managedIdentityAssertion(managedIdentity, tenant.tenantId),
  );
}

/** The managed identity's token for the token-exchange audience: the client assertion of the app sign-in. */
export async function managedIdentityAssertion(
  managedIdentity: TokenCredential,
  tenantId: string,
): Promise<string> {
  const token = await managedIdentity.getToken(TOKEN_EXCHANGE_SCOPE);
  if (!token?.token) {
    throw new FederatedAssertionError(
      `tenant ${tenantId}: the managed identity returned no token for ${TOKEN_EXCHANGE_SCOPE}`,
    );
  }
  return token.token;
}
