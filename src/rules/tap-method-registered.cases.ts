import { methodRegistered, subject, tapRef } from './chain-builders';
import type { ChainRuleCase } from './chain-types';

export const cases: ChainRuleCase[] = [
  {
    name: 'fires for a passkey registered twelve minutes after the TAP became valid',
    fires: true,
    subject: subject({ events: [methodRegistered(12)] }),
    reason: /^Fido2 Authentication Method registered for user@contoso\.com 12 minutes after/,
  },
  {
    name: 'fires for a Windows Hello for Business credential from the device service',
    fires: true,
    subject: subject({
      events: [
        methodRegistered(30, {
          activity: 'Add Windows Hello for Business credential',
          method: 'Windows Hello for Business credential',
          service: 'device-registration',
        }),
      ],
    }),
    reason: /Windows Hello for Business credential/,
  },
  {
    name: 'stays quiet for a method registered before the TAP was issued',
    fires: false,
    subject: subject({ events: [methodRegistered(-5)] }),
  },
  {
    name: 'stays quiet for a method registered after the TAP expired',
    fires: false,
    subject: subject({ events: [methodRegistered(61)] }),
  },
  {
    name: 'links a method registered days later when the TAP lives that long',
    fires: true,
    subject: subject({
      tap: tapRef({ tap: { start: '2026-11-20T10:03:42Z', end: '2026-11-27T10:03:42Z', endKnown: true } }),
      events: [methodRegistered(3 * 24 * 60)],
    }),
  },
];
