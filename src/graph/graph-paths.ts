import { isGuid } from '../guid';

/**
 * The stable name of a request for stats and error messages: path without host, API version, query
 * or object ids (`/groups/{id}/members`). Queries are left out because they are long and carry paging
 * tokens; ids because per-object keys would make the stats grow with the tenant.
 */
export function pathLabel(pathOrUrl: string): string {
  const path = /^https:\/\//i.test(pathOrUrl)
    ? new URL(pathOrUrl).pathname.replace(/^\/(v1\.0|beta)(?=\/)/, '')
    : (pathOrUrl.split('?')[0] ?? '');
  const segments = path.split('/').map((segment) => (isGuid(segment) ? '{id}' : segment));
  const label = segments.join('/');
  return label.startsWith('/') ? label : `/${label}`;
}

/**
 * Builds `path?key=value&…` with every value percent-encoded. Graph expects `$filter` and friends
 * encoded; keys stay literal so `$` is not escaped.
 */
export function withQuery(
  path: string,
  query: Readonly<Record<string, string | number | undefined>>,
): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}
