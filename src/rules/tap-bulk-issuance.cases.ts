import { ID } from './builders';
import { burst, issuance, subject, tapRef } from './chain-builders';
import type { ChainRuleCase } from './chain-types';

const own = (key: string) => {
  const tap = tapRef({ initiatorKey: key });
  return issuance(tap.findingId, tap.target.id, key, tap.activityDateTime);
};
const admin = `user:${ID.admin}`;
const app = `app:${ID.lifecycleApp}`;

export const cases: ChainRuleCase[] = [
  {
    name: 'fires when one admin issues TAPs to five accounts within ten minutes',
    fires: true,
    subject: subject({ peers: [own(admin), ...burst(4, 2)] }),
    reason: /^admin@contoso\.com issued TAPs to 5 distinct accounts within 60 minutes\.$/,
  },
  {
    name: 'stays quiet for four accounts in an hour',
    fires: false,
    subject: subject({ peers: [own(admin), ...burst(3, 10)] }),
  },
  {
    name: 'stays quiet when five TAPs are spread over five hours',
    fires: false,
    subject: subject({ peers: [own(admin), ...burst(4, 70)] }),
  },
  {
    name: 'stays quiet for an allow-listed onboarding app issuing a batch',
    fires: false,
    subject: subject({
      tap: tapRef({ initiatorKey: app, initiatorType: 'app', initiatorAppId: ID.lifecycleApp }),
      peers: [own(app), ...burst(9, 1, app)],
    }),
    config: { allowedTapAppIds: [ID.lifecycleApp] },
  },
  {
    name: 'fires for the same batch from an app that is not allow-listed',
    fires: true,
    subject: subject({
      tap: tapRef({ initiatorKey: app, initiatorType: 'app', initiatorAppId: ID.lifecycleApp }),
      peers: [own(app), ...burst(9, 1, app)],
    }),
  },
  {
    name: 'counts a target given two TAPs once',
    fires: false,
    subject: subject({
      peers: [own(admin), ...burst(3, 2), { ...own(admin), findingId: 'f0000000000000000000000000000099' }],
    }),
  },
];
