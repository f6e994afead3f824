import { createPrng, hashSeed } from './prng';
import { SAMPLE_PEOPLE as P } from './sample-tenant-directory';
import { SAMPLE_CHAIN, sampleTime } from './sample-tenant-scenario';
import { type SignInRecord, signIn } from './sign-in-builders';

/**
 * The sample day's sign-in log (beta signIn objects): the TAP sign-in of the chain and ordinary password
 * sign-ins around it.
 */
export function buildSampleSignIns(): SignInRecord[] {
  const rng = createPrng(hashSeed('contoso:signins'));
  return [
    signIn({
      rng,
      at: SAMPLE_CHAIN.signInAt,
      user: P.tier0MemberB,
      ipAddress: SAMPLE_CHAIN.attackerIp,
      method: 'Temporary Access Pass',
    }),
    signIn({
      rng,
      at: sampleTime(7, 55, 40),
      user: P.tier0MemberB,
      ipAddress: '192.0.2.31',
      method: 'Password',
    }),
    signIn({ rng, at: sampleTime(9, 2, 11), user: P.henrietta, ipAddress: '192.0.2.77', method: 'Password' }),
  ].sort((a, b) => (a.createdDateTime < b.createdDateTime ? 1 : -1));
}
