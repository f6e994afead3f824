import { formatSummary } from '../../../src/cli/format-summary';
import { emptySummary } from '../../../src/cycle-summary';

const START = new Date('2026-11-20T06:00:00Z');

describe('formatSummary: deletion look-ups', () => {
  it('prints the look-ups and markers of a cycle that had any, under the table', () => {
    // Prepare
    const quiet = emptySummary('tenant', 'run-1', START);
    const busy = emptySummary('tenant', 'run-2', START);
    busy.chain.deletionLookups = { made: 3, retried: 1, failed: 2, marked: 1, cleared: 1 };

    // Act
    const text = formatSummary([quiet, busy]);

    // Assess
    expect(text.split('\n').filter((line) => line.includes('deletion look-ups'))).toEqual([
      'cycle 2 deletion look-ups: 3 made (1 retried, 2 failed), 1 marked pending, 1 cleared',
    ]);
  });

  it('prints a cycle that only cleared markers, and nothing for a cycle without look-ups', () => {
    const cleared = emptySummary('tenant', 'run-1', START);
    cleared.chain.deletionLookups.cleared = 1;

    expect(formatSummary([cleared])).toContain(
      'cycle 1 deletion look-ups: 0 made (0 retried, 0 failed), 0 marked pending, 1 cleared',
    );
    expect(formatSummary([emptySummary('tenant', 'run-2', START)])).not.toContain('deletion look-ups');
  });
});
