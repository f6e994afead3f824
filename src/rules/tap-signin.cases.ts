import { subject, tapRef, tapSignIn } from './chain-builders';
import type { ChainRuleCase } from './chain-types';

export const cases: ChainRuleCase[] = [
  {
    name: 'fires for a sign-in with the TAP ten minutes after it became valid',
    fires: true,
    subject: subject({ events: [tapSignIn(10)] }),
    reason: /^user@contoso\.com signed in with the TAP to My Sign-Ins 10 minutes after/,
  },
  {
    name: 'fires for a sign-in whose TAP step passed although Conditional Access then blocked it',
    fires: true,
    subject: subject({ events: [tapSignIn(5, { succeeded: false })] }),
  },
  {
    name: 'stays quiet for a TAP sign-in an hour after the TAP expired (another pass)',
    fires: false,
    subject: subject({ events: [tapSignIn(120)] }),
  },
  {
    name: 'stays quiet for a sign-in before the TAP existed',
    fires: false,
    subject: subject({ events: [tapSignIn(-30)] }),
  },
  {
    name: 'stays quiet when only other records follow the TAP',
    fires: false,
    subject: subject({ tap: tapRef(), events: [] }),
  },
];
