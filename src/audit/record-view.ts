import { MalformedRecordError } from './audit-errors';
import { field, isObject, type JsonObject, objectField, objectList, text } from './fields';
import type { AuditSourceKind } from './tap-event';

/** The fields of one audit record the normalizer needs, whatever shape it came in. */
export interface AuditRecordView {
  source: AuditSourceKind;
  id: string;
  correlationId: string;
  activityDateTime?: string;
  activity: string;
  resultReason: string;
  /** As logged (`success`, `failure`); absent when the export dropped the column. */
  result?: string;
  /** `loggedByService` as logged (`Authentication Methods`, `Authentication Methods ServiceApi`, …). */
  service?: string;
  initiatedBy?: JsonObject;
  targets: JsonObject[];
  /** `additionalDetails` key/value pairs (PIM names the role's template id there). */
  additionalDetails?: JsonObject[];
}

/** Columns only a Log Analytics `AuditLogs` row spells in PascalCase. */
const LOG_ANALYTICS_COLUMNS = new Set([
  'Id',
  'OperationName',
  'TimeGenerated',
  'ActivityDateTime',
  'ActivityDisplayName',
  'TargetResources',
  'InitiatedBy',
  'ResultReason',
  'ResultDescription',
  'LoggedByService',
]);

/**
 * True when the record has one of the Log Analytics columns. One walk over the record's keys with a set
 * look-up each: asking `column in record` for each of the ten columns cost about twice as much (ten
 * property look-ups that miss on every Graph record, about 0.1 µs a record on Node 22). Records are
 * plain objects (parsed JSON, CSV rows), whose keys are all their own and enumerable.
 */
function hasLogAnalyticsColumn(record: JsonObject): boolean {
  for (const key in record) if (LOG_ANALYTICS_COLUMNS.has(key)) return true;
  return false;
}

/**
 * Recognises the shape of one record and reads its fields. Azure Monitor diagnostic
 * records nest the Graph fields in `properties` and keep a few at the top (`time`, `operationName`,
 * `resultDescription`), so lookups fall back to the envelope.
 * @throws MalformedRecordError when the record is not an object or has no id.
 */
export function viewRecord(record: unknown): AuditRecordView {
  if (!isObject(record)) throw new MalformedRecordError('not a JSON object');
  const properties = objectField(record, 'properties');
  const source: AuditSourceKind = properties
    ? 'azure-monitor'
    : hasLogAnalyticsColumn(record)
      ? 'log-analytics'
      : 'graph';
  const inner = properties ?? record;
  const outer = properties ? record : undefined;
  const id = layered(inner, outer, 'id');
  if (id === undefined) throw new MalformedRecordError('no id');
  const view: AuditRecordView = {
    source,
    id,
    correlationId: layered(inner, outer, 'correlationId') ?? '',
    activity: layered(inner, outer, 'activityDisplayName', 'operationName') ?? '',
    resultReason: layered(inner, outer, 'resultReason', 'resultDescription') ?? '',
    targets: objectList(inner, 'targetResources'),
  };
  const activityDateTime = layered(inner, outer, 'activityDateTime', 'timeGenerated', 'time');
  if (activityDateTime !== undefined) view.activityDateTime = activityDateTime;
  const result = text(inner, 'result');
  if (result !== undefined) view.result = result;
  const service = layered(inner, outer, 'loggedByService');
  if (service !== undefined) view.service = service;
  const initiatedBy = objectField(inner, 'initiatedBy');
  if (initiatedBy) view.initiatedBy = initiatedBy;
  const details = objectList(inner, 'additionalDetails');
  if (details.length > 0) view.additionalDetails = details;
  return view;
}

/**
 * The first of `names` holding text in `inner`, else in `outer` (the Azure Monitor envelope). Plain
 * parameters rather than a closure over a layer list: this runs several times for every record a cycle reads.
 * Shared with the sign-in normalizer, whose Azure Monitor records nest the same way.
 */
export function layered(
  inner: JsonObject,
  outer: JsonObject | undefined,
  ...names: string[]
): string | undefined {
  const value = text(inner, ...names);
  return value !== undefined || outer === undefined ? value : text(outer, ...names);
}

/**
 * The Entra tenant a record names, when it names one: Azure Monitor records carry `tenantId`, Log
 * Analytics rows `AADTenantId` (their `TenantId` is the workspace), Graph records none.
 */
export function recordTenantId(record: unknown): string | undefined {
  if (!isObject(record)) return undefined;
  const value = objectField(record, 'properties') ? field(record, 'tenantId') : field(record, 'AADTenantId');
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
