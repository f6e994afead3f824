/**
 * Test-side checks of simulated audit records against the facts about real Graph `directoryAudit`
 * records (docs/graph-behaviour.md). Written independently of the builders so a builder slip shows up here.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const GRAPH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}(Z|\+00:00)$/;

type Json = Record<string, unknown>;

/** Every way `record` departs from the Graph shape; empty when well formed. */
export function auditShapeProblems(record: Json): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(`${String(record.id)}: ${what}`);
  const correlationId = String(record.correlationId);
  if (!GUID.test(correlationId)) fail('correlationId is not a GUID');
  const idPattern = /^[A-Za-z0-9 -]+_([0-9a-f-]{36})_[A-Z0-9]{5}_[1-9]\d{7,8}$/;
  const id = idPattern.exec(String(record.id));
  if (!id || id[1] !== correlationId) fail('id is not <service>_<correlationId>_<5 chars>_<digits>');
  if (record.loggedByService === 'Authentication Methods') {
    if (!String(record.id).startsWith('Authentication Methods_')) fail('AM id prefix');
    if (record.category !== 'UserManagement') fail('AM category is not UserManagement');
  }
  if (record.result !== 'success' && record.result !== 'failure') fail('result');
  if (typeof record.resultReason !== 'string') fail('resultReason');
  if (typeof record.activityDisplayName !== 'string' || !record.activityDisplayName) fail('activity');
  if (!GRAPH_TIME.test(String(record.activityDateTime))) fail('activityDateTime format');
  const by = record.initiatedBy as { user: Json | null; app: Json | null } | undefined;
  if (!by || !('user' in by) || !('app' in by) || (by.user === null) === (by.app === null)) {
    fail('initiatedBy must hold exactly one of user and app, the other null');
  } else if (by.user) {
    if (!GUID.test(String(by.user.id)) || !String(by.user.userPrincipalName).includes('@'))
      fail('initiator user');
    if (typeof by.user.ipAddress !== 'string') fail('initiator ipAddress');
  } else if (by.app) {
    if (!GUID.test(String(by.app.appId)) || !GUID.test(String(by.app.servicePrincipalId)))
      fail('initiator app');
  }
  const targets = record.targetResources as Json[] | undefined;
  if (!Array.isArray(targets) || targets.length === 0) {
    fail('targetResources empty');
    return problems;
  }
  if (!targets.some((t) => t.type === 'User' && String(t.userPrincipalName).includes('@')))
    fail('no User target');
  for (const t of targets) {
    for (const p of (t.modifiedProperties as Json[] | undefined) ?? []) {
      for (const v of [p.oldValue, p.newValue]) {
        if (v === null) continue;
        try {
          JSON.parse(String(v));
        } catch {
          fail(`modified property ${String(p.displayName)} value is not JSON text`);
        }
      }
    }
  }
  return problems;
}

/** A TAP creation as a test reads it: by wording and result, properties by last name segment. */
export interface TapSeen {
  record: Json;
  targetUpn: string;
  tapId: string;
  start: string;
  end: string;
  usage: string;
  propertyPrefix: string;
}

/** The TAP creations in a record (one per user target), or none. */
export function tapCreations(record: Json): TapSeen[] {
  if (record.result !== 'success') return [];
  if (!/registered temporary access pass method/i.test(String(record.resultReason))) return [];
  const seen: TapSeen[] = [];
  for (const t of record.targetResources as Json[]) {
    if (t.type !== 'User') continue;
    const props = new Map<string, string>();
    let prefix = '';
    for (const p of t.modifiedProperties as Json[]) {
      const name = String(p.displayName);
      prefix = name.slice(0, name.lastIndexOf('.') + 1);
      props.set(name.slice(name.lastIndexOf('.') + 1).toLowerCase(), JSON.parse(String(p.newValue)));
    }
    seen.push({
      record,
      targetUpn: String(t.userPrincipalName),
      tapId: props.get('id') ?? '',
      start: props.get('startdatetime') ?? '',
      end: props.get('enddatetime') ?? props.get('endtime') ?? '',
      usage: props.get('accesspassusage') ?? '',
      propertyPrefix: prefix,
    });
  }
  return seen;
}

/** Whole minutes from start to end of a pass. */
export function lifetimeMinutes(tap: TapSeen): number {
  return Math.round((Date.parse(tap.end) - Date.parse(tap.start)) / 60_000);
}
