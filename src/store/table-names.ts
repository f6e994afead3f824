/** The tables tapwatch keeps, before `TABLE_PREFIX`; add a table here so the prefix check covers it. */
export const TABLE_BASE_NAMES = [
  'findings',
  'alertlog',
  'checkpoint',
  'opentaps',
  'deletions',
  'tenants',
] as const;

export type TableBaseName = (typeof TABLE_BASE_NAMES)[number];

/**
 * Azure Table names: alphanumeric, starting with a letter, 3 to 63 characters
 * (`^[A-Za-z][A-Za-z0-9]{2,62}$`,
 * https://learn.microsoft.com/en-us/rest/api/storageservices/understanding-the-table-service-data-model#table-names).
 */
export const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

/** Longest prefix every table name still fits after: 63 less the longest base name. */
export const MAX_TABLE_PREFIX = 63 - Math.max(...TABLE_BASE_NAMES.map((n) => n.length));

/** The table names for `prefix` (which `tablePrefixProblem` has accepted). */
export function tableNames(prefix: string): Record<TableBaseName, string> {
  return Object.fromEntries(TABLE_BASE_NAMES.map((n) => [n, `${prefix}${n}`])) as Record<
    TableBaseName,
    string
  >;
}

/** Why `prefix` cannot start tapwatch's table names, or undefined when every name it gives is valid. */
export function tablePrefixProblem(prefix: string): string | undefined {
  const names = Object.values(tableNames(prefix));
  if (names.every((name) => TABLE_NAME.test(name))) return undefined;
  return `expected letters and digits starting with a letter, at most ${MAX_TABLE_PREFIX} characters (Azure table names match ^[A-Za-z][A-Za-z0-9]{2,62}$)`;
}
