import { GraphRequestError } from '../errors';

/**
 * Graph answered with an error document. `graphCode` and `graphMessage` come from
 * `{ error: { code, message } }` so callers can react to specific answers (e.g. the retention floor).
 */
export class GraphServiceError extends GraphRequestError {
  constructor(
    message: string,
    status: number,
    readonly graphCode: string | undefined,
    readonly graphMessage: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, status, options);
  }
}

/** Reads Graph's error document; tolerant of bodies that are not JSON or not in that shape. */
export function readGraphError(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** Service text put into our messages: one line, bounded, so a hostile or huge body cannot flood logs. */
export function clip(text: string, max = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
