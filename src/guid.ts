/** A GUID in its usual text form (8-4-4-4-12 hex digits, any letter case), as Entra writes object ids. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a GUID in its usual text form, with nothing around it. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}
