import { main } from '../../../src/cli/main';
import { captureIo } from '../../support/capture-io';

describe('tapwatch demo --tenants', () => {
  it('runs three simulated tenants through the queue path; the unconsented one ends in the poison queue', async () => {
    // Prepare
    const io = captureIo({});

    // Act
    const code = await main(['demo', '--tenants', '3', '--cycles', '1', '--format', 'json'], io);

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as {
      tenants: Array<{
        lastStatus: string;
        attempts: number;
        findings: number;
        alerts: number;
        foreignAlerts: number;
      }>;
      queue: { queued: number; poison: number };
    };
    expect(report.tenants.map((t) => [t.lastStatus, t.attempts])).toEqual([
      ['ok', 1],
      ['ok', 1],
      ['poisoned', 5],
    ]);
    expect(report.tenants[0]?.findings).toBeGreaterThan(0);
    expect(report.tenants[0]?.findings).toBe(report.tenants[1]?.findings);
    expect(report.tenants[2]?.findings).toBe(0);
    expect(report.tenants.every((t) => t.foreignAlerts === 0)).toBe(true);
    expect(report.tenants[2]?.alerts).toBe(0);
    expect(report.queue).toEqual({ queued: 0, poison: 1 });
  });

  it('refuses a tenant count outside 2 to 8 with one line', async () => {
    const io = captureIo({});
    expect(await main(['demo', '--tenants', '40'], io)).toBe(2);
    expect(io.err()).toBe('tapwatch: --tenants must be a whole number from 2 to 8, got "40"\n');
  });
});
