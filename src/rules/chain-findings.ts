import type { ChainEvent } from '../audit/chain-event';
import { applyChain } from './apply-chain';
import { issuanceOf, tapRefOf } from './chain-tap-ref';
import type { RuleError } from './classify';
import { correlate } from './correlate';
import type { Finding } from './finding';
import type { RulesConfig } from './types';

/** Findings after the chain rules, and what went wrong on the way. */
export interface ChainedFindings {
  /** Every finding given, in the same order; those the chain evidence changed are replaced. */
  findings: Finding[];
  /** How many findings gained rules or timeline entries. */
  updated: number;
  errors: RuleError[];
}

/**
 * Applies the chain rules (docs/rules.md) to a set of findings that holds every TAP known, with the chain
 * records read beside them: the offline scan's whole correlation step. It is the cycle's step without a
 * store: the same `tapRefOf` → `correlate` → `applyChain`, so a scan of the records a cycle read rates
 * the TAPs as the cycle does. Pure; the order of `events` does not matter.
 * @param now the finding's `updatedAt` when chain evidence changed it.
 */
export function chainFindings(
  findings: readonly Finding[],
  events: readonly ChainEvent[],
  config: RulesConfig,
  now: Date,
): ChainedFindings {
  // Bulk issuance needs no chain record, only the TAPs themselves: the rules run even without events.
  if (findings.length === 0) return { findings: [], updated: 0, errors: [] };
  const taps = findings.map(tapRefOf);
  const { updates, errors } = correlate({ taps, events, peers: taps.map(issuanceOf), config });
  const byId = new Map(updates.map((u) => [u.findingId, u]));
  const out = findings.map((finding) => {
    const update = byId.get(finding.id);
    return update ? applyChain(finding, update, now) : finding;
  });
  return { findings: out, updated: updates.length, errors };
}
