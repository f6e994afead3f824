import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * A credential that always returns one fixed token: the local Graph simulator only checks that a bearer
 * token is present and equal to the one it was started with. Never used against Entra.
 */
export function staticCredential(token: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}
