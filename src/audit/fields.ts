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
  if (name in obj) return obj[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === wanted) return obj[key];
  return undefined;
}

/** The first of `names` that holds a non-empty string. */
export function text(obj: JsonObject, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = field(obj, name);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
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

/** A `dynamic` field as an array of objects (non-objects dropped), or an empty array. */
export function objectList(obj: JsonObject, name: string): JsonObject[] {
  const value = dynamic(field(obj, name));
  if (isObject(value)) return [value];
  return Array.isArray(value) ? value.map(dynamic).filter(isObject) : [];
}

export type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Drops undefined members so optional fields are absent rather than undefined. */
export function compact<T extends object>(value: Loose<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
