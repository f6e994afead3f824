import { randomUUID } from 'node:crypto';
import type { Finding } from '../../src/rules/finding';
import { highest, type Severity } from '../../src/severity';

const RULE_SEVERITY: Record<string, Severity> = {
  'tap-issued': 'informational',
  'tap-privileged-target': 'high',
  'tap-sync-account': 'critical',
  'tap-initiator-not-authorized': 'high',
  'tap-app-initiator': 'medium',
  'tap-long-lifetime': 'low',
};

export interface FindingSpec {
  tenantId: string;
  activityDateTime: string;
  id?: string;
  /** Rule ids besides `tap-issued`; the severity is the highest of them. */
  rules?: string[];
  targetId?: string;
  targetUpn?: string;
  initiatorUpn?: string;
  initiatorAppId?: string;
  auditIds?: string[];
  title?: string;
}

/** A finding in the published shape (docs/api.md), for store tests; ids and audit ids are random unless given. */
export function buildFinding(spec: FindingSpec): Finding {
  const ruleIds = ['tap-issued', ...(spec.rules ?? [])];
  const rules = ruleIds.map((id) => ({
    id,
    severity: RULE_SEVERITY[id] ?? 'informational',
    reason: `rule ${id} fired`,
    evidence: {},
  }));
  const initiator: Finding['initiator'] = spec.initiatorAppId
    ? { type: 'app', appId: spec.initiatorAppId, servicePrincipalId: randomUUID(), roles: [] }
    : {
        type: 'user',
        id: randomUUID(),
        userPrincipalName: spec.initiatorUpn ?? 'helpdesk@contoso.test',
        roles: [],
      };
  const target: Finding['target'] = { id: spec.targetId ?? randomUUID(), roles: [] };
  if (spec.targetUpn !== undefined) target.userPrincipalName = spec.targetUpn;
  return {
    id: spec.id ?? randomUUID().replaceAll('-', ''),
    tenantId: spec.tenantId,
    severity: highest(rules.map((r) => r.severity)),
    title: spec.title ?? `TAP issued to ${spec.targetUpn ?? 'a user'}`,
    activityDateTime: spec.activityDateTime,
    detectedAt: spec.activityDateTime,
    rules,
    target,
    initiator,
    tap: { id: randomUUID(), lifetimeMinutes: 60 },
    audit: {
      ids: spec.auditIds ?? [randomUUID()],
      correlationId: randomUUID(),
      activity: 'Admin registered security info',
      resultReason: 'Admin registered temporary access pass method for user',
      source: 'graph',
    },
    attack: ['T1078.004'],
    triage: ['Confirm the TAP with the issuer.'],
  };
}
