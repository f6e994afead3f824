import {
  checkOptions,
  decodeSkipToken,
  type Json,
  nextLink,
  parseSelect,
  parseTop,
  project,
} from './odata-query';

/** How one plain collection (no `$filter`, no `$expand`) is served. */
export interface CollectionSpec {
  /** `@odata.context` fragment after `$metadata#`, e.g. `users`. */
  context: string;
  /** Entity type name for `$select` errors, e.g. `user`. */
  type: string;
  properties: ReadonlySet<string>;
  defaultTop: number;
  maxTop: number;
  /** Version segment of the path (`v1.0` or `beta`). */
  version: 'v1.0' | 'beta';
}

/**
 * One page of a collection with `$select`, `$top` and `$skiptoken`, as Graph pages plain lists; any other
 * `$` option is a 400. `fullPath` (with version) is what the nextLink repeats.
 */
export function collectionPage(
  items: readonly Json[],
  fullPath: string,
  params: URLSearchParams,
  baseUrl: string,
  spec: CollectionSpec,
): Json {
  checkOptions(params, ['$select', '$top', '$skiptoken']);
  const select = parseSelect(params.get('$select'), spec.properties, spec.type);
  const top = parseTop(params.get('$top'), spec.defaultTop, spec.maxTop);
  const offset = decodeSkipToken(params.get('$skiptoken'));
  const body: Json = {
    '@odata.context': `${baseUrl}/${spec.version}/$metadata#${spec.context}`,
    value: items.slice(offset, offset + top).map((item) => project(item, select)),
  };
  if (offset + top < items.length)
    body['@odata.nextLink'] = nextLink(baseUrl, fullPath, params, offset + top);
  return body;
}
