/** Where a record came from: the Graph API, a Log Analytics `AuditLogs` row, or an Azure Monitor diagnostic export. */
export type AuditSourceKind = 'graph' | 'log-analytics' | 'azure-monitor';

/** Who issued the TAP. Every text field is attacker-controlled and must be escaped wherever it is shown. */
export interface TapInitiator {
  type: 'user' | 'app' | 'unknown';
  id?: string;
  userPrincipalName?: string;
  displayName?: string;
  appId?: string;
  servicePrincipalId?: string;
  ipAddress?: string;
}

/** What the audit record says about the pass itself (the code is never logged). */
export interface TapDetails {
  id?: string;
  startDateTime?: string;
  endDateTime?: string;
  /** end − start, in whole minutes, when both are known. */
  lifetimeMinutes?: number;
  usage?: string;
}

/**
 * One TAP creation for one target user. Rules see only this, never raw audit JSON.
 * One audit record with two user targets gives two events.
 */
export interface TapEvent {
  auditId: string;
  correlationId: string;
  /** ISO 8601 as logged. */
  activityDateTime: string;
  source: AuditSourceKind;
  activity: string;
  resultReason: string;
  target: { id: string; userPrincipalName?: string; displayName?: string };
  initiator: TapInitiator;
  tap: TapDetails;
}
