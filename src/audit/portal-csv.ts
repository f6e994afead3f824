import { createHash } from 'node:crypto';
import { InputError } from '../errors';

/*
 * The CSV that the Entra admin center writes when Audit logs > Download > CSV is chosen. Microsoft
 * documents that the download exists in CSV and JSON with UTC timestamps
 * (https://learn.microsoft.com/entra/identity/monitoring-health/howto-download-logs) but not its columns.
 * The columns below are those of real downloads as published by incident responders:
 * https://github.com/adrianbiro/timesketch_parsters/blob/main/AzureCsvAuditLog2timesketch.py (header
 * quoted from a download: "Date (UTC)", CorrelationId, Service, Category, Activity, Result, ResultReason,
 * "User Agent", ActorType, ActorDisplayName, ActorObjectId, ActorUserPrincipalName, IPAddress, …,
 * Target1..3 Type/DisplayName/ObjectId/UserPrincipalName, Target1..3ModifiedProperty1..5
 * Name/OldValue/NewValue, AdditionalDetail1..6 Key/Value) and
 * https://github.com/bitpusher2k/M365IRScripts/blob/main/03-ProcessEntraAuditLog.ps1 (same list).
 * The download has no record id column; headers are matched case- and space-insensitively, so
 * `Date (UTC)`/`Date` and `User Agent`/`UserAgent` both read.
 */

/** Columns without which a row cannot be a TAP creation the rules can judge. */
const REQUIRED = ['activity', 'correlationid', 'target1objectid'];
const DATE_COLUMNS = ['date(utc)', 'date', 'activitydatetime'];
/** Columns only the sign-in log download has: named in the error, so the user picks the right log. */
const SIGN_IN_COLUMNS = ['requestid', 'userid', 'application', 'authenticationrequirement'];

type Row = (name: string) => string | undefined;

/** True when a first CSV row is the Entra audit log download's header. */
export function isPortalAuditHeader(cells: readonly string[]): boolean {
  const names = new Set(cells.map(key));
  return REQUIRED.every((c) => names.has(c)) && DATE_COLUMNS.some((c) => names.has(c));
}

/** The one-line error for a CSV that is not the audit log download, saying which download to use. */
export function notPortalAuditCsv(name: string, cells: readonly string[]): InputError {
  const names = new Set(cells.map(key));
  const signIns = SIGN_IN_COLUMNS.filter((c) => names.has(c)).length >= 2;
  const what = signIns
    ? 'a sign-in log download, not audit logs'
    : 'a CSV without the columns of the Entra audit log download (Date (UTC), CorrelationId, Activity, Target1ObjectId)';
  return new InputError(
    `${name}: ${what}: download Entra ID > Monitoring > Audit logs as JSON (or CSV) and scan that file`,
  );
}

/**
 * Reads one download row as a Graph `directoryAudit` object (the shape `normalize()` takes): the actor
 * columns become `initiatedBy.user` or `.app`, each TargetN its `targetResources[]` entry with its
 * modified properties. The id is `portal-csv_` and a hash of the row, so a record downloaded twice keeps
 * its id; the tenant is not in the download.
 */
export function portalCsvRecord(
  header: readonly string[],
  cells: readonly string[],
): Record<string, unknown> {
  const index = new Map(header.map((h, i) => [key(h), i]));
  const get: Row = (name) => {
    const i = index.get(name);
    const value = i === undefined ? undefined : cells[i];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const date = DATE_COLUMNS.map(get).find((v) => v !== undefined);
  return {
    id: `portal-csv_${createHash('sha256').update(cells.join('\u0000')).digest('hex').slice(0, 32)}`,
    correlationId: get('correlationid') ?? '',
    activityDateTime: date,
    activityDisplayName: get('activity') ?? '',
    category: get('category'),
    loggedByService: get('service'),
    result: get('result')?.toLowerCase(),
    resultReason: get('resultreason') ?? '',
    initiatedBy: initiator(get),
    targetResources: targets(get),
  };
}

function initiator(get: Row): Record<string, unknown> {
  const type = (get('actortype') ?? '').toLowerCase();
  const servicePrincipalId = get('actorserviceprincipalid');
  const isApp = /app|service/.test(type) || (type === '' && servicePrincipalId !== undefined);
  if (isApp) {
    // The download has no app id column: only the service principal id and name identify the app.
    return {
      user: null,
      app: {
        servicePrincipalId: servicePrincipalId ?? get('actorobjectid'),
        displayName: get('actorserviceprincipalname') ?? get('actordisplayname'),
      },
    };
  }
  return {
    user: {
      id: get('actorobjectid'),
      userPrincipalName: get('actoruserprincipalname'),
      displayName: get('actordisplayname'),
      ipAddress: get('ipaddress'),
    },
    app: null,
  };
}

/** Target1..Target9 as far as the header goes (downloads so far carry three, each with five properties). */
function targets(get: Row): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let n = 1; n <= 9; n += 1) {
    const id = get(`target${n}objectid`);
    const displayName = get(`target${n}displayname`);
    if (id === undefined && displayName === undefined) continue;
    const modifiedProperties: Record<string, unknown>[] = [];
    for (let p = 1; p <= 20; p += 1) {
      const name = get(`target${n}modifiedproperty${p}name`);
      if (name === undefined) continue;
      modifiedProperties.push({
        displayName: name,
        oldValue: get(`target${n}modifiedproperty${p}oldvalue`) ?? null,
        newValue: get(`target${n}modifiedproperty${p}newvalue`) ?? null,
      });
    }
    out.push({
      id,
      displayName,
      type: get(`target${n}type`),
      userPrincipalName: get(`target${n}userprincipalname`),
      modifiedProperties,
    });
  }
  return out;
}

/** Header cells compared without case or spaces: `Date (UTC)` → `date(utc)`, `User Agent` → `useragent`. */
function key(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}
