import type { ChainRule } from './chain-types';
import { tapAppInitiator } from './tap-app-initiator';
import { tapBulkIssuance } from './tap-bulk-issuance';
import { tapInitiatorNotAuthorized } from './tap-initiator-not-authorized';
import { tapIssued } from './tap-issued';
import { tapLongLifetime } from './tap-long-lifetime';
import { tapMethodRegistered } from './tap-method-registered';
import { tapPersistence } from './tap-persistence';
import { tapPrivilegedTarget } from './tap-privileged-target';
import { tapRoleActivated } from './tap-role-activated';
import { tapSignin } from './tap-signin';
import { tapSyncAccount } from './tap-sync-account';
import { tapVictimMethodsRemoved } from './tap-victim-methods-removed';
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

/**
 * The chain rules of docs/rules.md, in evaluation order: `tap-persistence` reads the rules the others
 * added, so it comes after them.
 */
export const chainRules: readonly ChainRule[] = [
  tapSignin,
  tapMethodRegistered,
  tapVictimMethodsRemoved,
  tapRoleActivated,
  tapBulkIssuance,
  tapPersistence,
];

/** Every rule, TAP and chain: the public catalog (README table, metadata test). */
export const catalog: readonly (Rule | ChainRule)[] = [...rules, ...chainRules];
