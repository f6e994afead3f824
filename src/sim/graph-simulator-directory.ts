import type { DirectoryGroup, DirectorySnapshot, TenantLicence } from '../directory/snapshot';
import { refuseUnlicensed } from './licence';
import { ODataError } from './odata-error';
import {
  checkOptions,
  decodeSkipToken,
  type Json,
  nextLink,
  parseExpandPrincipal,
  parseSelect,
  parseTop,
  project,
} from './odata-query';

const USER = '#microsoft.graph.user';
const GROUP = '#microsoft.graph.group';
const SERVICE_PRINCIPAL = '#microsoft.graph.servicePrincipal';
/** Graph's default page for directory collections when `$top` is absent. */
const DEFAULT_PAGE = 100;

const set = (...names: string[]): ReadonlySet<string> => new Set(names);
const ASSIGNMENT = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition'];
const PROPERTIES = {
  roleDefinitions: set('id', 'templateId', 'displayName', 'isBuiltIn', 'isEnabled', 'description', 'version'),
  roleAssignments: set(...ASSIGNMENT),
  roleEligibilityScheduleInstances: set(
    ...ASSIGNMENT,
    'startDateTime',
    'endDateTime',
    'memberType',
    'roleEligibilityScheduleId',
  ),
  group: set('id', 'displayName', 'isAssignableToRole', 'description', 'securityEnabled', 'mailEnabled'),
  principal: set('id', 'userPrincipalName', 'displayName', 'isAssignableToRole', 'mail'),
  member: set('id', 'userPrincipalName', 'displayName', 'mail', 'appId'),
};

/** API version of a request; the simulator serves group reads under both. */
export type SimVersion = 'v1.0' | 'beta';

export interface DirectoryContext {
  baseUrl: string;
  maxPageSize: number;
  /** Defaults to v1.0. */
  version?: SimVersion;
}

/** One page of `items` for the request being answered: its properties, `@odata.type` and page cap. */
type PageOf = (
  items: readonly object[],
  type: keyof typeof PROPERTIES,
  odataType: string,
  maxTop: number,
) => Json;

/** Role and group endpoints over a tenant snapshot. Lookups are indexed once per tenant. */
export class DirectoryIndex {
  private readonly principals = new Map<string, Json>();
  private readonly groups = new Map<string, DirectoryGroup>();

  constructor(
    private readonly tenant: DirectorySnapshot,
    private readonly licence: TenantLicence = 'p2',
  ) {
    for (const user of tenant.users) this.principals.set(user.id, { '@odata.type': USER, ...user });
    for (const group of tenant.groups) {
      this.groups.set(group.id, group);
      const { members: _members, ...rest } = group;
      this.principals.set(group.id, { '@odata.type': GROUP, ...rest });
      for (const member of group.members ?? []) {
        if (member['@odata.type'] === SERVICE_PRINCIPAL && !this.principals.has(member.id))
          this.principals.set(member.id, { ...member });
      }
    }
  }

  /** Answers a directory GET, or returns undefined when `path` (without version) is not one of ours. */
  handle(
    path: string,
    fullPath: string,
    params: URLSearchParams,
    context: DirectoryContext,
  ): Json | undefined {
    const page: PageOf = (items, type, odataType, maxTop) =>
      this.page(items as Json[], fullPath, params, context, { type, odataType, maxTop });
    const version = context.version ?? 'v1.0';
    if (version === 'v1.0') {
      const answer = this.roleManagement(path, context, page);
      if (answer) return answer;
    }
    return this.groupReads(path, params, context, version, page);
  }

  private roleManagement(path: string, context: DirectoryContext, page: PageOf): Json | undefined {
    switch (path) {
      case '/roleManagement/directory/roleDefinitions':
        return page(
          this.tenant.roleDefinitions,
          'roleDefinitions',
          'unifiedRoleDefinition',
          context.maxPageSize,
        );
      case '/roleManagement/directory/roleAssignments':
        return page(
          this.tenant.roleAssignments,
          'roleAssignments',
          'unifiedRoleAssignment',
          context.maxPageSize,
        );
      case '/roleManagement/directory/roleEligibilityScheduleInstances':
        refuseUnlicensed(this.licence, 'eligibility');
        return page(
          this.tenant.roleEligibilityScheduleInstances,
          'roleEligibilityScheduleInstances',
          'unifiedRoleEligibilityScheduleInstance',
          context.maxPageSize,
        );
    }
    return undefined;
  }

  private groupReads(
    path: string,
    params: URLSearchParams,
    context: DirectoryContext,
    version: SimVersion,
    page: PageOf,
  ): Json | undefined {
    const match = /^\/groups\/([^/]+)(\/members)?$/.exec(path);
    if (!match) return undefined;
    const id = decodeURIComponent(match[1] ?? '');
    const group = this.groups.get(id);
    if (!group) {
      throw new ODataError(
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
        404,
        'Request_ResourceNotFound',
      );
    }
    if (match[2]) {
      // v1.0 leaves service principals out (documented known issue of List group members); beta lists them.
      const members = (group.members ?? [])
        .map((m) => ({ '@odata.type': USER, ...m }))
        .filter((m) => version === 'beta' || m['@odata.type'] !== SERVICE_PRINCIPAL);
      return page(members, 'member', 'directoryObject', Math.min(999, context.maxPageSize));
    }
    checkOptions(params, ['$select']);
    const { members: _members, ...rest } = group;
    return {
      '@odata.context': `${context.baseUrl}/${context.version ?? 'v1.0'}/$metadata#groups/$entity`,
      ...project(rest, parseSelect(params.get('$select'), PROPERTIES.group, 'group')),
    };
  }

  private page(
    items: readonly Json[],
    fullPath: string,
    params: URLSearchParams,
    context: DirectoryContext,
    kind: { type: keyof typeof PROPERTIES; odataType: string; maxTop: number },
  ): Json {
    const expandable = kind.type === 'roleAssignments' || kind.type === 'roleEligibilityScheduleInstances';
    checkOptions(params, ['$select', '$top', '$skiptoken', ...(expandable ? ['$expand'] : [])]);
    const select = parseSelect(params.get('$select'), PROPERTIES[kind.type], kind.odataType);
    const expand = parseExpandPrincipal(params.get('$expand'));
    const principalSelect = expand
      ? parseSelect(expand.join(',') || null, PROPERTIES.principal, 'directoryObject')
      : undefined;
    const top = parseTop(params.get('$top'), DEFAULT_PAGE, kind.maxTop);
    const offset = decodeSkipToken(params.get('$skiptoken'));
    const value = items.slice(offset, offset + top).map((item) => {
      const out = project(item, select);
      if (expand) {
        const principal = this.principals.get(String(item.principalId));
        out.principal = principal ? project(principal, principalSelect) : null;
      }
      return out;
    });
    const body: Json = {
      '@odata.context': `${context.baseUrl}/${context.version ?? 'v1.0'}/$metadata#${kind.type}`,
      value,
    };
    if (offset + top < items.length)
      body['@odata.nextLink'] = nextLink(context.baseUrl, fullPath, params, offset + top);
    return body;
  }
}
