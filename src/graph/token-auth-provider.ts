import type { TokenCredential } from '@azure/identity';
import { type AuthenticationProvider, GraphClientError } from '@microsoft/microsoft-graph-client';

/**
 * Raised when no token could be obtained. It extends the SDK's `GraphClientError` because the SDK
 * rethrows that type unchanged, so callers can tell "no token" (not worth retrying) from a network
 * failure. The message names the scope only; credential details stay in `cause`.
 */
export class GraphTokenError extends GraphClientError {
  constructor(scope: string, cause?: unknown) {
    super(`acquiring a token for ${scope} failed`);
    this.name = 'GraphTokenError';
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * Graph SDK authentication over an `@azure/identity` credential. The credential caches and refreshes
 * tokens itself, so every request simply asks it again.
 */
export class TokenCredentialAuthProvider implements AuthenticationProvider {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
  ) {}

  async getAccessToken(): Promise<string> {
    let token: Awaited<ReturnType<TokenCredential['getToken']>>;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (error) {
      throw new GraphTokenError(this.scope, error);
    }
    if (!token?.token) throw new GraphTokenError(this.scope);
    return token.token;
  }
}
