import type { SimUser } from './audit-record';
import type { Prng } from './prng';

/** A beta `signIn` object as Graph serves it (trimmed to what tapwatch reads and a little context). */
export interface SignInRecord {
  id: string;
  createdDateTime: string;
  userId: string;
  userPrincipalName: string;
  userDisplayName: string;
  appId: string;
  appDisplayName: string;
  ipAddress: string;
  correlationId: string;
  status: { errorCode: number; failureReason: string | null };
  authenticationDetails: {
    authenticationStepDateTime: string;
    authenticationMethod: string;
    authenticationMethodDetail: string | null;
    succeeded: boolean;
    authenticationStepResultDetail: string;
  }[];
}

/** My Sign-Ins, where a TAP holder registers methods (app id of the Microsoft first-party app). */
const MY_SIGNINS = { appId: '19db86c3-b2b9-44cc-b339-36da233a3be2', appDisplayName: 'My Signins' };

/**
 * An interactive sign-in of `user` at `at`, authenticated with `method` (`Temporary Access Pass`, as
 * detection content spells it; `Password`, `Passkey (device-bound)` …). Shape per the beta signIn resource
 * (https://learn.microsoft.com/en-us/graph/api/resources/signin?view=graph-rest-beta).
 */
export function signIn(options: {
  rng: Prng;
  at: number;
  user: SimUser;
  ipAddress: string;
  method: string;
}): SignInRecord {
  const time = new Date(options.at).toISOString().replace('.000Z', 'Z');
  return {
    id: options.rng.uuid(),
    createdDateTime: time,
    userId: options.user.id,
    userPrincipalName: options.user.userPrincipalName,
    userDisplayName: options.user.displayName,
    ...MY_SIGNINS,
    ipAddress: options.ipAddress,
    correlationId: options.rng.uuid(),
    status: { errorCode: 0, failureReason: null },
    authenticationDetails: [
      {
        authenticationStepDateTime: time,
        authenticationMethod: options.method,
        authenticationMethodDetail: null,
        succeeded: true,
        authenticationStepResultDetail: 'MFA successfully completed',
      },
    ],
  };
}
