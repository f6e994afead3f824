import { methodDeleted, subject } from './chain-builders';
import type { ChainRuleCase } from './chain-types';

export const cases: ChainRuleCase[] = [
  {
    name: "fires when the owner's Authenticator is deleted five minutes after the TAP",
    fires: true,
    subject: subject({ events: [methodDeleted(5)] }),
    reason: /^Authenticator App with Notification and Code of user@contoso\.com deleted 5 minutes after/,
  },
  {
    name: 'fires when the phone method was deleted half an hour before the TAP',
    fires: true,
    subject: subject({ events: [methodDeleted(-30, { method: 'Mobile Phone Call and SMS' })] }),
  },
  {
    name: 'stays quiet when the deletion is of the TAP itself',
    fires: false,
    subject: subject({
      events: [
        methodDeleted(20, {
          resultReason: 'Admin deleted temporary access pass method for user',
          method: 'temporary access pass method',
          isTap: true,
        }),
      ],
    }),
  },
  {
    name: 'stays quiet for a deletion 61 minutes before the TAP',
    fires: false,
    subject: subject({ events: [methodDeleted(-61)] }),
  },
  {
    name: 'fires on a deletion 60 minutes before the TAP kept from an earlier cycle, beside an unrelated later one',
    fires: true,
    subject: subject({ events: [methodDeleted(90), methodDeleted(-60, { resultReason: '', activity: '' })] }),
    reason: /deleted 60 minutes before the TAP became valid/,
  },
  {
    name: 'stays quiet for a deletion two hours after the TAP',
    fires: false,
    subject: subject({ events: [methodDeleted(120)] }),
  },
];
