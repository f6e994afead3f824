import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from './config';

/**
 * The credential tapwatch uses for Graph and Table Storage: the user-assigned managed identity in Azure
 * (AZURE_CLIENT_ID set), otherwise `DefaultAzureCredential`, so a workstation's `az login` (with a Graph
 * and a Table data role) can run `tapwatch poll --once` or `tapwatch findings` against a deployment.
 */
export function createAzureCredential(config: Pick<Config, 'managedIdentityClientId'>): TokenCredential {
  if (config.managedIdentityClientId) {
    return new ManagedIdentityCredential({ clientId: config.managedIdentityClientId });
  }
  return new DefaultAzureCredential();
}
