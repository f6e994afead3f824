import { createFaultController, type FaultKind } from '../../../src/sim/faults';

describe('fault controller', () => {
  it('applies queued faults in order, each as many times as asked, only on matching paths', () => {
    // Prepare
    const faults = createFaultController();
    faults.add({ path: '/a', kind: '429', retryAfterSeconds: 2, times: 2 });
    faults.add({ path: /^\/b/, kind: 'reset' });

    // Act
    const taken = ['/b/1', '/a', '/c', '/a', '/a', '/b/2'].map((p) => faults.take(p)?.kind);

    // Assess
    expect(taken).toEqual(['reset', '429', undefined, '429', undefined, undefined]);
    expect(faults.injected()).toMatchObject({ '429': 2, reset: 1, '503': 0 });
  });

  it('skips transport faults for requests inside a batch but keeps them queued', () => {
    // Prepare
    const faults = createFaultController();
    faults.add({ kind: 'truncated' });

    // Act
    const inner = faults.take('/groups/x', true);
    const outer = faults.take('/$batch');

    // Assess
    expect(inner).toBeUndefined();
    expect(outer?.kind).toBe('truncated');
  });

  it('repeats the same random sequence for the same seed and hits about the asked share', () => {
    // Prepare
    const run = (seed: number) => {
      const faults = createFaultController();
      faults.random({ seed, rate: 0.3, kinds: ['429', '503', 'reset'] });
      return Array.from({ length: 2000 }, () => faults.take('/auditLogs/directoryAudits')?.kind);
    };

    // Act
    const first = run(42);
    const again = run(42);
    const other = run(7);

    // Assess
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const hits = first.filter((k): k is FaultKind => k !== undefined);
    expect(hits.length).toBeGreaterThan(500);
    expect(hits.length).toBeLessThan(700);
    expect(new Set(hits)).toEqual(new Set(['429', '503', 'reset']));
  });

  it('stops random faults on clear', () => {
    // Prepare
    const faults = createFaultController();
    faults.random({ seed: 1, rate: 1, kinds: ['500'] });

    // Act
    const before = faults.take('/x');
    faults.clear();
    const after = faults.take('/x');

    // Assess
    expect(before?.kind).toBe('500');
    expect(after).toBeUndefined();
  });
});
