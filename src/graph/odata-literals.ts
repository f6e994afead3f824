/**
 * OData literals for `$filter`. Our values are constants and timestamps, but quoting is done properly
 * anyway so a future caller passing text cannot change the query.
 */

/** A string literal: single quotes, embedded quotes doubled (`O'Brien` → `'O''Brien'`). */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A DateTimeOffset literal in the `Z` form Graph documents (`2026-11-20T08:00:00Z`), whole seconds.
 * `floor` rounds down (window starts), `ceil` rounds up (window ends), so rounding never narrows a window.
 */
export function odataDateTime(date: Date, rounding: 'floor' | 'ceil'): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date in OData filter');
  const seconds = rounding === 'floor' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}
