import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { logInvocationError } from '../logging';
import type { StoreDeps } from './store-deps';

/** An HTTP trigger's handler. */
export type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * The shell every store-backed HTTP trigger shares: builds the deps, answers with `answer`, and turns
 * any failure (settings, store, anything else) into `failed()` after logging it as `what`, so the
 * response never carries the error's text.
 */
export function storeHandler(
  getDeps: () => Promise<StoreDeps>,
  what: string,
  answer: (deps: StoreDeps, request: HttpRequest) => Promise<HttpResponseInit>,
  failed: () => HttpResponseInit,
): HttpHandler {
  return async (request, context) => {
    let deps: StoreDeps | undefined;
    try {
      deps = await getDeps();
      return await answer(deps, request);
    } catch (error) {
      logInvocationError(context, deps?.config, what, error);
      return failed();
    }
  };
}
