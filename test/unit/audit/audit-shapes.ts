/**
 * One Graph record rewritten in the other two shapes exports use (docs/architecture.md, §5b), so a test
 * written once over a Graph `directoryAudit` or `signIn` runs over all three.
 */

type Json = Record<string, unknown>;

/** A Graph `directoryAudit` as a Log Analytics `AuditLogs` row (dynamic columns as JSON text). */
export function asLogAnalytics(record: Json): Json {
  return {
    Id: record.id,
    OperationName: record.activityDisplayName,
    ActivityDisplayName: record.activityDisplayName,
    ResultReason: record.resultReason,
    Result: record.result,
    LoggedByService: record.loggedByService,
    CorrelationId: record.correlationId,
    ActivityDateTime: record.activityDateTime,
    TimeGenerated: record.activityDateTime,
    InitiatedBy: JSON.stringify(record.initiatedBy),
    TargetResources: JSON.stringify(record.targetResources),
    AdditionalDetails: JSON.stringify(record.additionalDetails),
  };
}

/** A Graph `directoryAudit` as an Azure Monitor diagnostic record. */
export function asAzureMonitor(record: Json): Json {
  return {
    time: record.activityDateTime,
    operationName: record.activityDisplayName,
    category: 'AuditLogs',
    tenantId: '11111111-1111-4111-8111-111111111111',
    properties: record,
  };
}

export const AUDIT_SHAPERS = [
  ['graph', (r: Json) => r],
  ['log-analytics', asLogAnalytics],
  ['azure-monitor', asAzureMonitor],
] as const;

/** A Graph beta `signIn` as a Log Analytics `SigninLogs` row (`AuthenticationDetails` as JSON text). */
export function signInAsLogAnalytics(signIn: Json): Json {
  const status = signIn.status as { errorCode?: unknown } | undefined;
  return {
    TimeGenerated: signIn.createdDateTime,
    Id: signIn.id,
    UserId: signIn.userId,
    UserPrincipalName: signIn.userPrincipalName,
    UserDisplayName: signIn.userDisplayName,
    AppDisplayName: signIn.appDisplayName,
    IPAddress: signIn.ipAddress,
    ResultType: String(status?.errorCode ?? 0),
    Category: 'SignInLogs',
    AuthenticationDetails: JSON.stringify(signIn.authenticationDetails),
  };
}

/** A Graph beta `signIn` as an Azure Monitor diagnostic record. */
export function signInAsAzureMonitor(signIn: Json): Json {
  return {
    time: signIn.createdDateTime,
    operationName: 'Sign-in activity',
    category: 'SignInLogs',
    properties: signIn,
  };
}

export const SIGN_IN_SHAPERS = [
  ['graph', (r: Json) => r],
  ['log-analytics', signInAsLogAnalytics],
  ['azure-monitor', signInAsAzureMonitor],
] as const;
