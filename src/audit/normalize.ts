import { MalformedRecordError } from './audit-errors';
import { boundEventText } from './bound-text';
import { compact, field, type JsonObject, text } from './fields';
import { readInitiator } from './initiator';
import { type AuditRecordView, viewRecord } from './record-view';
import { hasTapProperties, isTapCreation, isUserTarget } from './tap-creation';
import { readTapDetails } from './tap-details';
import type { TapDetails, TapEvent } from './tap-event';

/**
 * Turns one audit record — Graph `directoryAudit`, Log Analytics `AuditLogs` row or Azure Monitor
 * diagnostic record — into one TapEvent per user target when it is a TAP creation, else [].
 * Pure; owns every oddity of the logs so rules never see raw JSON. Every text field
 * of the result is bounded (`bound-text.ts`), so no record can make a finding too large to store.
 * @throws MalformedRecordError for a record that is not an object, has no id, or is a TAP creation
 * with no time or no identifiable user; callers count and skip it.
 */
export function normalize(record: unknown): TapEvent[] {
  return tapEventsOf(viewRecord(record));
}

/**
 * The same, over a record already viewed (so chain normalization can share the view). `tapCreation` is
 * `isTapCreation(view)` when the caller has it already; computed here otherwise.
 */
export function tapEventsOf(view: AuditRecordView, tapCreation?: boolean): TapEvent[] {
  if (!(tapCreation ?? isTapCreation(view))) return [];
  if (view.activityDateTime === undefined)
    throw new MalformedRecordError('TAP creation without a time', { recordId: view.id });
  const users = userTargets(view.targets);
  if (users.length === 0)
    throw new MalformedRecordError('TAP creation without a user target id', { recordId: view.id });
  const shared = view.targets.find(hasTapProperties);
  const initiator = readInitiator(view.initiatedBy);
  const events = users.map(
    ({ target, id }): TapEvent => ({
      auditId: view.id,
      correlationId: view.correlationId,
      activityDateTime: view.activityDateTime as string,
      source: view.source,
      activity: view.activity,
      resultReason: view.resultReason,
      target: compact({
        id,
        userPrincipalName: text(target, 'userPrincipalName'),
        displayName: text(target, 'displayName'),
      }),
      initiator: { ...initiator },
      tap: tapOf(target, shared),
    }),
  );
  return events.map(boundEventText);
}

/**
 * Every target of type User, wherever it sits in the list. Exports that drop the type keep the
 * untyped targets as users, so a missing column cannot hide a TAP; targets typed otherwise never count.
 */
function userTargets(targets: JsonObject[]): { target: JsonObject; id: string }[] {
  const typed = targets.filter(isUserTarget);
  const chosen = typed.length > 0 ? typed : targets.filter((t) => field(t, 'type') == null);
  return chosen.flatMap((target) => {
    const id = text(target, 'id');
    return id === undefined ? [] : [{ target, id: id.trim() }];
  });
}

/** The pass details from the user target, or from whichever target carries them. */
function tapOf(target: JsonObject, shared: JsonObject | undefined): TapDetails {
  const own = readTapDetails(target);
  if (Object.keys(own).length > 0 || shared === undefined) return own;
  return readTapDetails(shared);
}
