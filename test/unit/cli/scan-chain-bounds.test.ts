import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../src/rules/finding';
import { findingProperties } from '../../../src/store/finding-entity';
import { SIGN_IN_SHAPERS } from '../audit/audit-shapes';
import { chainFixture, overLimit, poisonedAudit, poisonedSignIn } from '../audit/poisoned-chain';
import { runCli } from './run-cli';

const CUT_INSIDE = /…\[cut [\d,]+ chars, sha256:[0-9a-f]{8}\]/;

/** The chain fixtures plus one poisoned record of every chain kind and a poisoned sign-in in each shape. */
function poisonedInputs(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tapwatch-bounds-'));
  const audits = [
    ...chainFixture('audits.graph.json'),
    poisonedAudit('registered'),
    poisonedAudit('deleted'),
    poisonedAudit('activated'),
  ];
  const files = [join(dir, 'audits.json')];
  writeFileSync(files[0] as string, JSON.stringify(audits));
  SIGN_IN_SHAPERS.forEach(([shape, toShape], n) => {
    const file = join(dir, `signins.${shape}.json`);
    writeFileSync(file, JSON.stringify([toShape(poisonedSignIn(n))]));
    files.push(file);
  });
  return files;
}

describe('tapwatch scan over chain records with 100,000-character fields', () => {
  it('links them to the TAP and prints a finding whose every text is bounded, marked where cut, and storable', async () => {
    // Prepare
    const files = poisonedInputs();

    // Act
    const { code, stdout, stderr } = await runCli([
      'scan',
      '--directory',
      'directory.json',
      '--format',
      'json',
      ...files,
    ]);

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const grace = (JSON.parse(stdout) as Finding[]).find(
      (f) => f.target.userPrincipalName === 'grace.admin@contoso.com',
    );
    if (!grace) throw new Error('no finding for Grace');
    expect(grace.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'tap-signin',
        'tap-method-registered',
        'tap-victim-methods-removed',
        'tap-role-activated',
      ]),
    );
    expect(overLimit(grace)).toEqual([]);
    const poisoned = (grace.timeline ?? []).filter(
      (e) => (e.auditId ?? e.signInId ?? '').startsWith('poison') || e.signInId?.startsWith('signin-'),
    );
    expect(poisoned.map((e) => e.kind).sort()).toEqual([
      'method-deleted',
      'method-registered',
      'role-activated',
      'tap-signin',
      'tap-signin',
      'tap-signin',
    ]);
    for (const entry of poisoned) expect(entry.summary).toMatch(CUT_INSIDE);
    expect(() => findingProperties({ finding: grace, alertStatus: 'pending', deliveries: {} })).not.toThrow();
    expect(stdout.length).toBeLessThan(200_000);
  });
});
