import { shortReason } from '../../../src/cli/short-reason';
import type { RuleHit } from '../../../src/rules/finding';
import { sampleFinding } from '../alerts/sample-finding';

const hit = (id: string, severity: RuleHit['severity'], evidence: Record<string, unknown> = {}): RuleHit => ({
  id,
  severity,
  reason: `${id} reason`,
  evidence,
});

describe('shortReason()', () => {
  it('names the most severe rules first, in a few words each', () => {
    // Prepare
    const finding = sampleFinding({
      rules: [
        hit('tap-issued', 'informational'),
        hit('tap-long-lifetime', 'low'),
        hit('tap-initiator-not-authorized', 'high', { selfIssued: false }),
        hit('tap-sync-account', 'critical'),
      ],
      tap: { lifetimeMinutes: 10080 },
    });

    // Act & Assess
    expect(shortReason(finding)).toBe('directory sync account; issuer not allowed (+1)');
  });

  it('names the role a privileged target holds and how it is held', () => {
    // Prepare
    const roles = [
      { name: 'Security Administrator', templateId: 'x', via: 'eligible' as const, scope: '/' },
      { name: 'Helpdesk Administrator', templateId: 'y', via: 'direct' as const, scope: '/' },
    ];
    const finding = sampleFinding({
      rules: [hit('tap-issued', 'informational'), hit('tap-privileged-target', 'high')],
      target: { id: 't', roles },
    });

    // Act & Assess
    expect(shortReason(finding)).toBe('holds Security Administrator (eligible) +1 role');
  });

  it('names the privileged role the rule recorded, not another role the target holds', () => {
    // Prepare
    const privileged = { name: 'Helpdesk Administrator', templateId: 'y', via: 'direct', scope: '/' };
    const finding = sampleFinding({
      rules: [hit('tap-privileged-target', 'high', { roles: [{ ...privileged, active: true }] })],
      target: {
        id: 't',
        roles: [
          { name: 'Directory Readers', templateId: 'z', via: 'direct', scope: '/' },
          privileged as never,
        ],
      },
    });

    // Act & Assess
    expect(shortReason(finding)).toBe('holds Helpdesk Administrator');
  });

  it.each([
    [[hit('tap-initiator-not-authorized', 'high', { selfIssued: true })], {}, 'self-issued'],
    [[hit('tap-app-initiator', 'medium')], {}, 'app not in ALLOWED_TAP_APP_IDS'],
    [[hit('tap-long-lifetime', 'low')], { lifetimeMinutes: 600 }, 'valid 10 h'],
    [[hit('tap-long-lifetime', 'low')], { lifetimeMinutes: 90 }, 'valid 90 min'],
    [[], {}, 'routine (no risk rule fired)'],
    [[hit('tap-made-up-later', 'high')], {}, 'tap-made-up-later'],
  ])('reads %j as a short phrase', (rules, tap, expected) => {
    // Act & Assess
    expect(shortReason(sampleFinding({ rules: [hit('tap-issued', 'informational'), ...rules], tap }))).toBe(
      expected,
    );
  });
});
