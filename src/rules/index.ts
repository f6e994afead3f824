import { tapAppInitiator } from './tap-app-initiator';
import { tapInitiatorNotAuthorized } from './tap-initiator-not-authorized';
import { tapIssued } from './tap-issued';
import { tapLongLifetime } from './tap-long-lifetime';
import { tapPrivilegedTarget } from './tap-privileged-target';
import { tapSyncAccount } from './tap-sync-account';
import type { Rule } from './types';

/** The rule catalog, listed explicitly (no discovery by file name) so the set is reviewable in one place. */
export const rules: readonly Rule[] = [
  tapIssued,
  tapPrivilegedTarget,
  tapSyncAccount,
  tapInitiatorNotAuthorized,
  tapAppInitiator,
  tapLongLifetime,
];
