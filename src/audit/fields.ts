/**
 * Tolerant field access over parsed audit JSON. Graph uses camelCase, Log Analytics PascalCase,
 * documentation examples mix both (`type`/`Type`): every lookup here is case-insensitive.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `name` in `obj`, matching the key case-insensitively (exact match first). */
export function field(obj: JsonObject, name: string): unknown {
  const exact = obj[name];
  if (exact !== undefined || name in obj) return exact;
  const wanted = name.toLowerCase();
  // Lower-casing keeps a string's length except for U+0130 (İ → i + U+0307), so unless `wanted` holds
  // U+0307 only keys of its length can match: the others are skipped without lower-casing them. A miss
  // (e.g. `properties` on every Graph record) then costs no string per key.
  const anyLength = wanted.includes('\u0307');
  for (const key of Object.keys(obj)) {
    if ((anyLength || key.length === wanted.length) && key.toLowerCase() === wanted) return obj[key];
  }
  return undefined;
}

/** The first of `names` that holds a non-empty string. */
export function text(obj: JsonObject, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = field(obj, name);
    if (typeof value === 'string' && !isBlank(value)) return value;
  }
  return undefined;
}

/**
 * True for a string `trim()` would empty. A printable ASCII first character (the usual case) answers
 * without trimming: `trim` only removes whitespace and line terminators, none of which is in 0x21–0x7E.
 */
function isBlank(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return value.trim() === '';
}

/**
 * Log Analytics `dynamic` columns arrive as objects or as JSON text, depending on the export path.
 * Decodes JSON text that looks like an object or array; anything else is returned unchanged.
 */
export function dynamic(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** A `dynamic` field as an object, or undefined. */
export function objectField(obj: JsonObject, name: string): JsonObject | undefined {
  const value = dynamic(field(obj, name));
  return isObject(value) ? value : undefined;
}

/** A `dynamic` field as an array of objects (non-objects dropped), or an empty array: read-only, it may be the record's own array. */
export function objectList(obj: JsonObject, name: string): JsonObject[] {
  const value = dynamic(field(obj, name));
  if (isObject(value)) return [value];
  if (!Array.isArray(value)) return [];
  // Parsed Graph JSON holds arrays of objects only: such an array is returned as it is (callers only
  // read it), so each record's targets, details and modified properties cost no copy. Otherwise one
  // pass builds the list from the first item that is not an object.
  let i = 0;
  while (i < value.length && isObject(value[i])) i += 1;
  if (i === value.length) return value as JsonObject[];
  const list: JsonObject[] = value.slice(0, i) as JsonObject[];
  for (; i < value.length; i += 1) {
    const decoded = dynamic(value[i]);
    if (isObject(decoded)) list.push(decoded);
  }
  return list;
}

export type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Drops undefined members so optional fields are absent rather than undefined. */
export function compact<T extends object>(value: Loose<T>): T {
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  // Object.keys over entries: no [key, value] pair per member (this runs for every normalized record).
  for (const key of Object.keys(source)) {
    const v = source[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
