import { describeRoles } from '../directory/role-text';
import { initiatorName, toFindingRole } from './describe';
import type { Rule } from './types';

/** Apps with TAP-write permission issue passes without any role check: each such app is a backdoor risk. */
export const tapAppInitiator = {
  id: 'tap-app-initiator',
  title: 'TAP issued by an application that is not allow-listed',
  severity: 'medium',
  attack: ['T1098.001'],
  description:
    'An application or service principal created the TAP and its app id is not in ALLOWED_TAP_APP_IDS. Apps granted UserAuthenticationMethod.ReadWrite.All can issue TAPs to anyone, administrators included, with no directory role.',
  triage: [
    'Identify the app and its owners; confirm it is meant to issue TAPs (onboarding, Lifecycle Workflows).',
    'Check the directory roles the app holds (directly or through a role-assignable group): a privileged app that issues TAPs can take over administrators.',
    'Review who granted the app its authentication-method permissions and when.',
    "If legitimate, add its app id to ALLOWED_TAP_APP_IDS; if not, revoke the TAP and the app's credentials.",
  ],
  falsePositives: [
    'Lifecycle Workflows ("Generate TAP and send to manager") and self-service onboarding tools not yet allow-listed.',
  ],
  needsDirectory: false,
  evaluate(event, ctx) {
    const initiator = event.initiator;
    if (initiator.type !== 'app') return undefined;
    const appId = initiator.appId?.toLowerCase();
    if (appId && ctx.config.allowedTapAppIds.some((allowed) => allowed.toLowerCase() === appId))
      return undefined;
    // Service principals hold roles too, directly or as members of role-assignable groups.
    const principalId = ctx.directory?.appPrincipalId(initiator);
    const privileged = principalId ? (ctx.directory?.privilegedRolesOf(principalId) ?? []) : [];
    const held = privileged.length > 0 ? ` It holds ${describeRoles(privileged)}.` : '';
    return {
      reason: `Issued by ${initiatorName(initiator)}, which is not in ALLOWED_TAP_APP_IDS.${held}`,
      evidence: {
        appId: initiator.appId ?? null,
        servicePrincipalId: initiator.servicePrincipalId ?? principalId ?? null,
        allowListSize: ctx.config.allowedTapAppIds.length,
        ...(privileged.length > 0 ? { privilegedRoles: privileged.map(toFindingRole) } : {}),
      },
    };
  },
} satisfies Rule;
