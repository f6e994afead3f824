/**
 * `build`, run once and its promise shared by every later call until it fails: a failed build is not
 * cached, so the next call tries again (a store, registry or queue that could not be reached at a
 * worker's cold start). The arguments of the call that builds are the ones used.
 */
export function cachedUntilFailure<A extends unknown[], T>(
  build: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (...args) => {
    pending ??= build(...args).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
