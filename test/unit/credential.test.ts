import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { createAzureCredential } from '../../src/credential';
import { createGraphClient } from '../../src/graph/graph-client';
import { TokenCredentialAuthProvider } from '../../src/graph/token-auth-provider';

describe('Graph credential and client', () => {
  it('uses the user-assigned managed identity when AZURE_CLIENT_ID is configured', () => {
    const credential = createAzureCredential({
      managedIdentityClientId: '99999999-8888-7777-6666-555555555555',
    });
    expect(credential).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('falls back to DefaultAzureCredential for local runs', () => {
    expect(createAzureCredential({})).toBeInstanceOf(DefaultAzureCredential);
  });

  it('refuses a non-https base URL, since the SDK would send no token over it', () => {
    const credential = { getToken: async () => null };
    expect(() => createGraphClient({ baseUrl: 'http://127.0.0.1:8080', credential })).toThrow(/https/);
  });

  it('asks the credential for the Graph scope and reports a missing token without details', async () => {
    // Prepare
    const scopes: Array<string | string[]> = [];
    const provider = new TokenCredentialAuthProvider(
      {
        getToken: async (scope) => {
          scopes.push(scope);
          return null;
        },
      },
      'https://graph.microsoft.com/.default',
    );

    // Act
    const result = provider.getAccessToken();

    // Assess
    await expect(result).rejects.toThrow('acquiring a token for https://graph.microsoft.com/.default failed');
    expect(scopes).toEqual(['https://graph.microsoft.com/.default']);
  });
});
