import { randomUUID } from 'node:crypto';

/** A request the simulator refuses, answered in Graph's error shape. */
export class ODataError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'BadRequest',
  ) {
    super(message);
    this.name = 'ODataError';
  }
}

/** `{ error: { code, message, innerError } }` as Graph sends it, so clients parse real-looking errors. */
export function graphErrorBody(code: string, message: string, now: Date = new Date()): unknown {
  const requestId = randomUUID();
  return {
    error: {
      code,
      message,
      innerError: {
        date: now.toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': requestId,
      },
    },
  };
}
