import { roleActivated, subject } from './chain-builders';
import type { ChainRuleCase } from './chain-types';

export const cases: ChainRuleCase[] = [
  {
    name: 'fires for Global Administrator activated through PIM while the TAP was valid',
    fires: true,
    subject: subject({ events: [roleActivated(15)] }),
    reason: /^Global Administrator activated by user@contoso\.com 15 minutes after/,
  },
  {
    name: 'fires for an activation request that names only the template id',
    fires: true,
    subject: subject({
      events: [
        roleActivated(20, {
          stage: 'requested',
          role: { templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d' },
        }),
      ],
    }),
    reason: /194ae4cb/,
  },
  {
    name: 'stays quiet for an activation the day before the TAP',
    fires: false,
    subject: subject({ events: [roleActivated(-24 * 60)] }),
  },
  {
    name: 'stays quiet for an activation after the TAP expired',
    fires: false,
    subject: subject({ events: [roleActivated(90)] }),
  },
];
