import { BUILT_IN_ROLE_NAMES, PRIVILEGED_ROLE_TEMPLATE_IDS } from './role-catalog';
import type { RoleDefinition } from './snapshot';

/** What tapwatch knows about one role definition, whichever id an assignment used to name it. */
export interface ResolvedRole {
  name: string;
  /** Template id for built-in roles, definition id for custom roles (lower case). */
  templateId: string;
  builtIn: boolean;
  privileged: boolean;
}

/**
 * Resolves `roleDefinitionId` values to roles. Built-in assignments name the template id, custom
 * ones the definition id; both are indexed so either resolves in O(1).
 */
export class RoleResolver {
  private readonly byId = new Map<string, RoleDefinition>();
  private readonly byTemplate = new Map<string, RoleDefinition>();
  private readonly extraPrivileged: ReadonlySet<string>;
  private readonly cache = new Map<string, ResolvedRole>();

  constructor(definitions: readonly RoleDefinition[], privilegedRoleIds: readonly string[]) {
    for (const definition of definitions) {
      this.byId.set(definition.id.toLowerCase(), definition);
      if (definition.templateId) this.byTemplate.set(definition.templateId.toLowerCase(), definition);
    }
    this.extraPrivileged = new Set(privilegedRoleIds.map((id) => id.toLowerCase()));
  }

  resolve(roleDefinitionId: string): ResolvedRole {
    const key = roleDefinitionId.toLowerCase();
    let resolved = this.cache.get(key);
    if (!resolved) {
      resolved = this.compute(key);
      this.cache.set(key, resolved);
    }
    return resolved;
  }

  private compute(key: string): ResolvedRole {
    const definition = this.byId.get(key) ?? this.byTemplate.get(key);
    const definitionId = definition?.id.toLowerCase() ?? key;
    const templateId = definition?.templateId?.toLowerCase() || definitionId;
    const catalogName = BUILT_IN_ROLE_NAMES.get(templateId);
    // A definition without isBuiltIn is taken as built-in only when the catalog knows its template.
    const builtIn = definition?.isBuiltIn ?? catalogName !== undefined;
    const name = definition?.displayName || catalogName || `Unknown role ${key}`;
    const privileged =
      (builtIn && PRIVILEGED_ROLE_TEMPLATE_IDS.has(templateId)) ||
      (!builtIn && /admin/i.test(name)) ||
      this.extraPrivileged.has(key) ||
      this.extraPrivileged.has(definitionId) ||
      this.extraPrivileged.has(templateId);
    return { name, templateId: builtIn ? templateId : definitionId, builtIn, privileged };
  }
}
