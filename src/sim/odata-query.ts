import { ODataError } from './odata-error';

/**
 * The query options the simulator understands besides `$filter`: `$top`, `$select`, `$expand` (only
 * `principal`), `$skiptoken`. Unknown or unsupported options are 400s, like Graph answers them.
 */

export type Json = Record<string, unknown>;

/** Rejects `$`-options outside `allowed`, so a client sending something new is noticed. */
export function checkOptions(params: URLSearchParams, allowed: readonly string[]): void {
  for (const key of params.keys()) {
    if (key.startsWith('$') && !allowed.includes(key)) {
      throw new ODataError(`Query option '${key}' is not allowed for this resource.`);
    }
  }
}

/** `$top` capped at `max`; `fallback` when absent. */
export function parseTop(value: string | null, fallback: number, max: number): number {
  if (value === null) return Math.min(fallback, max);
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new ODataError(`Invalid value '${value}' for query option $top.`);
  }
  return Math.min(Number(value), max);
}

/** `$select` as a list; each name must be a property of `type` (Graph: "Could not find a property…"). */
export function parseSelect(
  value: string | null,
  known: ReadonlySet<string>,
  type: string,
): string[] | undefined {
  if (value === null) return undefined;
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!known.has(name)) {
      throw new ODataError(`Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);
    }
  }
  return names;
}

/** `$expand=principal` or `principal($select=a,b)`; the nested select, or `[]` for all properties. */
export function parseExpandPrincipal(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  const match = /^principal(?:\(\$select=([A-Za-z0-9_,]+)\))?$/.exec(value.trim());
  if (!match) throw new ODataError(`Parsing OData Select and Expand failed: unsupported $expand '${value}'.`);
  return match[1] ? match[1].split(',') : [];
}

/** Copies the selected properties; `@odata.type` always stays, as Graph keeps it for derived types. */
export function project(record: Json, select: readonly string[] | undefined): Json {
  if (!select || select.length === 0) return record;
  const out: Json = {};
  if ('@odata.type' in record) out['@odata.type'] = record['@odata.type'];
  for (const name of select) if (name in record) out[name] = record[name];
  return out;
}

/** Opaque paging token: the offset where the next page starts. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeSkipToken(value: string | null): number {
  if (value === null) return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw new ODataError('The $skiptoken value is invalid or has expired.');
  return Number(match[1]);
}

/** Absolute nextLink: the same request with `$skiptoken` replaced, keys literal as in Graph's links. */
export function nextLink(baseUrl: string, path: string, params: URLSearchParams, offset: number): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (key !== '$skiptoken') parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${baseUrl}${path}?${parts.join('&')}`;
}
