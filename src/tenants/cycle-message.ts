import { TapwatchError } from '../errors';
import { parseTenantId } from './tenant-record';

/** One queued cycle: which tenant, and the timer tick that queued it. */
export interface CycleMessage {
  tenantId: string;
  /** When the timer queued it (ISO 8601); a tenant that succeeded since then skips the message. */
  queuedAt: string;
}

/** A queue message that is not a cycle message; it ends in the poison queue, where it is visible. */
export class CycleMessageError extends TapwatchError {}

const MAX_MESSAGE_CHARS = 1024;

/**
 * Parses a queue message as the Functions host hands it over (JSON already parsed into an object, or text)
 * or as the queue stores it. Only the two known fields are accepted; anything else is refused, since the
 * queue is writable by anything holding a queue role.
 */
export function parseCycleMessage(raw: unknown): CycleMessage {
  let body = raw;
  if (typeof raw === 'string') {
    if (raw.length > MAX_MESSAGE_CHARS) throw new CycleMessageError('queue message is too long');
    try {
      body = JSON.parse(raw);
    } catch {
      throw new CycleMessageError('queue message is not JSON');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CycleMessageError('queue message is not a JSON object');
  }
  const keys = Object.keys(body).sort();
  if (keys.join(',') !== 'queuedAt,tenantId') {
    throw new CycleMessageError('queue message must hold exactly tenantId and queuedAt');
  }
  const { tenantId, queuedAt } = body as { tenantId: unknown; queuedAt: unknown };
  if (typeof tenantId !== 'string' || typeof queuedAt !== 'string') {
    throw new CycleMessageError('queue message fields must be text');
  }
  let id: string;
  try {
    id = parseTenantId(tenantId, 'tenantId');
  } catch {
    throw new CycleMessageError('queue message tenantId is not a GUID');
  }
  const time = Date.parse(queuedAt);
  if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(queuedAt)) {
    throw new CycleMessageError('queue message queuedAt is not an ISO 8601 time');
  }
  return { tenantId: id, queuedAt: new Date(time).toISOString() };
}

/**
 * The queue text of a message: base64 of the JSON, because the Functions queue trigger expects base64
 * ("Functions expect a base64 encoded string", messageEncoding default;
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#encoding).
 */
export function encodeCycleMessage(message: CycleMessage): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

/** The JSON text of a stored message (base64, as `encodeCycleMessage` wrote it). */
export function decodeQueueText(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}
