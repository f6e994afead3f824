import type { HeldRole } from './model';

/** Directory scope for people: `tenant-wide`, or the scope path without its leading slash. */
export function describeScope(scope: string): string {
  return scope === '/' || scope === '' ? 'tenant-wide' : scope.replace(/^\//, '');
}

/**
 * One role as evidence text, e.g. "Global Administrator (active, direct, tenant-wide)" or
 * "Privileged Role Administrator (eligible, tenant-wide)".
 */
export function describeRole(role: Pick<HeldRole, 'name' | 'via' | 'scope' | 'active'>): string {
  const how = role.active ? ['active', role.via] : ['eligible'];
  return `${role.name} (${[...how, describeScope(role.scope)].join(', ')})`;
}

/** Several roles joined for one sentence. */
export function describeRoles(roles: readonly Pick<HeldRole, 'name' | 'via' | 'scope' | 'active'>[]): string {
  return roles.map(describeRole).join('; ');
}
