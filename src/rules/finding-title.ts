import type { Finding } from './finding';

/**
 * The one-line title alerts and tables show, chosen by the most telling rule that fired, e.g.
 * "TAP issued to privileged account ga@contoso.com". It quotes audit-log names: escape on display.
 */
export function findingTitle(finding: Pick<Finding, 'rules' | 'target' | 'initiator'>): string {
  const fired = new Set(finding.rules.map((r) => r.id));
  const target = finding.target.userPrincipalName || finding.target.displayName || finding.target.id;
  if (fired.has('tap-persistence')) return `Lasting access gained with a TAP on ${target}`;
  if (fired.has('tap-role-activated')) return `PIM role activated with a TAP on ${target}`;
  if (fired.has('tap-sync-account')) return `TAP issued to directory sync account ${target}`;
  if (fired.has('tap-privileged-target')) return `TAP issued to privileged account ${target}`;
  if (fired.has('tap-initiator-not-authorized'))
    return `TAP issued to ${target} by an initiator not allowed to`;
  if (fired.has('tap-app-initiator')) {
    const app = finding.initiator.displayName || finding.initiator.appId || 'an unknown app';
    return `TAP issued to ${target} by app ${app}`;
  }
  if (fired.has('tap-long-lifetime')) return `Long-lived TAP issued to ${target}`;
  return `TAP issued to ${target}`;
}
