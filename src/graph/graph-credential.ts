import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config';

/** Scope for application permissions on Microsoft Graph (the app roles granted to the identity). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * The credential tapwatch uses for Graph: the user-assigned managed identity in Azure (AZURE_CLIENT_ID
 * set), otherwise `DefaultAzureCredential` so a developer's `az login` works locally.
 */
export function createGraphCredential(config: Pick<Config, 'managedIdentityClientId'>): TokenCredential {
  if (config.managedIdentityClientId) {
    return new ManagedIdentityCredential({ clientId: config.managedIdentityClientId });
  }
  return new DefaultAzureCredential();
}
