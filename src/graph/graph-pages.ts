import { GraphRequestError } from '../errors';
import type { GraphHttp, GraphVersion, JsonObject } from './graph-http';
import { pathLabel } from './graph-paths';

/** One page of a Graph collection. */
export interface GraphPage {
  value: unknown[];
  /** Absolute URL of the next page, exactly as Graph gave it; absent on the last page. */
  nextLink?: string;
}

/** Reads `value` and `@odata.nextLink` from a collection response. */
export function toPage(body: JsonObject, target: string): GraphPage {
  const { value } = body;
  if (!Array.isArray(value)) {
    throw new GraphRequestError(`GET ${pathLabel(target)} returned no value array`, 200);
  }
  const link = body['@odata.nextLink'];
  return typeof link === 'string' && link.length > 0 ? { value, nextLink: link } : { value };
}

/**
 * Every page of a collection, one at a time, following `@odata.nextLink` verbatim. A link that
 * repeats the one just read would loop forever, so it fails instead.
 */
export async function* graphPages(
  http: GraphHttp,
  first: string,
  version: GraphVersion = 'v1.0',
): AsyncGenerator<unknown[]> {
  let target: string | undefined = first;
  while (target !== undefined) {
    const page = toPage(await http.get(target, version), target);
    http.countPage();
    yield page.value;
    if (page.nextLink === target) {
      throw new GraphRequestError(`GET ${pathLabel(target)} returned itself as the next page`, 200);
    }
    target = page.nextLink;
  }
}

/** A whole (small) collection, e.g. role definitions. */
export async function collectAll(http: GraphHttp, first: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of graphPages(http, first)) all.push(...page);
  return all;
}
