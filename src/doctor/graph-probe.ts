import { GraphRequestError } from '../errors';
import { clip, GraphServiceError } from '../graph/graph-errors';
import type { GraphHttp } from '../graph/graph-http';

/** What one Graph request answered, as far as the doctor cares. */
export type ProbeAnswer =
  | { ok: true }
  | {
      ok: false;
      /** HTTP status; 0 when no answer came (network, timeout). */
      status: number;
      /** Graph's error code, when it sent one. */
      code?: string;
      /** Our one-line description (names the request, never a secret). */
      message: string;
    };

/** Error codes that mean "the tenant lacks a licence", not "the caller lacks a permission". */
export const LICENCE_CODES = {
  /** Eligibility without Entra ID P2 or Governance (HTTP 400; older reports: 403). */
  noP2: 'aadpremiumlicenserequired',
  /** Sign-in logs without Entra ID P1 (HTTP 403). */
  noP1: 'authentication_requestfromnonpremiumtenantorb2ctenant',
} as const;

/** Runs one GET and reports its answer; retries and the throttle budget are those of `http`. */
export async function probe(http: GraphHttp, pathOrUrl: string): Promise<ProbeAnswer> {
  try {
    await http.get(pathOrUrl);
    return { ok: true };
  } catch (error) {
    if (error instanceof GraphServiceError) {
      return {
        ok: false,
        status: error.status,
        ...(error.graphCode ? { code: clip(error.graphCode, 80) } : {}),
        message: clip(error.message, 240),
      };
    }
    if (error instanceof GraphRequestError) {
      return { ok: false, status: error.status, message: clip(error.message, 240) };
    }
    throw error;
  }
}

/** True when the answer carries the given licence code (case-insensitive). */
export function hasCode(answer: ProbeAnswer, code: string): boolean {
  return !answer.ok && answer.code?.toLowerCase() === code;
}

/** `200`, or `400 AadPremiumLicenseRequired`, `403`, `no answer`: how an answer reads in a line. */
export function answerText(answer: ProbeAnswer): string {
  if (answer.ok) return '200';
  if (answer.status === 0) return 'no answer';
  return `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
}
