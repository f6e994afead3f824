import { packageVersion } from '../package-root';

/** `tapwatch/<version>`, so receivers can tell our requests apart and a version shows in their logs. */
export function tapwatchUserAgent(): string {
  return `tapwatch/${packageVersion()}`;
}
