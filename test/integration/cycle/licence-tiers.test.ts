import pino from 'pino';
import type { TenantLicence } from '../../../src/directory/snapshot';
import type { Finding } from '../../../src/rules/finding';
import { atLeast, type Severity } from '../../../src/severity';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import {
  buildSampleTenant,
  SAMPLE_SERVICE_API,
  SAMPLE_TAP_IDS,
  SAMPLE_TENANT_SETTINGS,
  SAMPLE_UNKNOWN_APP,
  sampleExpectationsFor,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';

const logger = pino({ level: 'silent' });
const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const NO_P2 =
  'PIM eligibility unavailable (400 AadPremiumLicenseRequired): the tenant has no Microsoft Entra ID P2 or Governance licence; only active roles were considered';

/**
 * The whole pipeline (Graph simulator over HTTPS → normalize → classify → Azurite → Teams and webhook
 * receivers) on the sample tenant served as a Free, P1 and P2 tenant. The simulator answers
 * eligibility as each licence does and enforces the licence's audit retention.
 */
describe.each(['free', 'p1', 'p2'] as const)(
  'the whole pipeline on a %s tenant',
  (licence: TenantLicence) => {
    let stack: LocalStack;
    const tenant = buildSampleTenant();
    const expectations = sampleExpectationsFor(licence);
    const alertable = expectations.filter((e) => atLeast(e.severity as Severity, 'medium'));
    // On P2 the second TAP to Joni Sherman is suppressed by the dedup window; without P2 neither alerts.
    const alerted = licence === 'p2' ? alertable.length - 1 : alertable.length;

    beforeAll(async () => {
      const now = new Date();
      stack = await startLocalStack({
        tenant: { ...shiftAuditTimes(tenant, now, 5), licence },
        // Ten days back: beyond a Free tenant's 7-day retention, inside the 30 days the config assumes.
        env: { ...SAMPLE_TENANT_SETTINGS, LOOKBACK_HOURS: '240' },
        retentionClock: () => new Date(),
      });
    }, 60_000);
    afterAll(async () => {
      await stack?.stop();
    });

    const storedFindings = async (): Promise<Finding[]> => {
      const store = await stack.runtime.store();
      const page = await store.queryFindings({
        tenantId: stack.config.tenantId,
        since: new Date(Date.now() - 2 * 86_400_000),
        until: new Date(),
        limit: 1000,
      });
      return page.items.map((s) => s.finding);
    };

    it('completes the cycle, stores every finding with the rules the licence allows, and alerts once each', async () => {
      // Act
      const summary = await stack.runtime.runCycle(new Date(), logger);

      // Assess
      expect(summary.status).toBe('ok');
      const findings = await storedFindings();
      const byTap = new Map(findings.map((f) => [f.tap.id, f]));
      expect([...byTap.keys()].sort()).toEqual(expectations.map((e) => e.tapId).sort());
      for (const expected of expectations) {
        const finding = byTap.get(expected.tapId);
        expect({
          tap: expected.tapId,
          rules: finding?.rules.map((r) => r.id).sort(),
          severity: finding?.severity,
        }).toEqual({ tap: expected.tapId, rules: [...expected.rules].sort(), severity: expected.severity });
      }
      const received = stack.receiver.received();
      expect(received.filter((r) => r.channel === 'teams' && r.status === 202)).toHaveLength(alerted);
      const webhooks = received.filter((r) => r.channel === 'webhook');
      expect(webhooks).toHaveLength(alerted);
      expect(webhooks.every((r) => r.signatureValid)).toBe(true);
    });

    it('says in the summary and on every finding whether eligibility was read, and why not', async () => {
      // Act
      const summary = await stack.runtime.runCycle(new Date(), logger);
      const findings = await storedFindings();

      // Assess
      if (licence === 'p2') {
        expect(summary.directory.eligibilityUnavailable).toBeUndefined();
        expect(findings.every((f) => f.directoryContext === undefined)).toBe(true);
      } else {
        expect(summary.directory.eligibilityUnavailable).toBe(NO_P2);
        expect(summary.directory.warnings).toContain(NO_P2);
        expect(findings.map((f) => f.directoryContext)).toEqual(
          findings.map(() => ({ eligibility: 'unavailable', eligibilityReason: NO_P2 })),
        );
      }
    });

    it('stores and alerts the app-created TAP logged as ServiceApi, with the roles the app holds through its group', () => {
      // Assess
      expect(stack.sim.received().some((r) => r.path === '/$batch' && r.version === 'beta')).toBe(true);
      const webhook = stack.receiver
        .received()
        .filter((r) => r.channel === 'webhook')
        .map((r) => r.body as Finding)
        .find((f) => f.tap.id === SAMPLE_TAP_IDS.unknownApp);
      expect(webhook?.initiator).toMatchObject({ type: 'app', appId: SAMPLE_UNKNOWN_APP.appId });
      expect(webhook?.initiator.roles).toContainEqual({
        name: 'Privileged Role Administrator',
        templateId: PRIVILEGED_ROLE_ADMIN,
        via: 'group:Tier0 Admins',
        scope: '/',
      });
      expect(webhook?.rules.find((r) => r.id === 'tap-app-initiator')?.reason).toContain(
        'It holds Privileged Role Administrator (active, group:Tier0 Admins, tenant-wide)',
      );
      const served = tenant.directoryAudits.filter((r) =>
        JSON.stringify(r).includes(SAMPLE_TAP_IDS.unknownApp),
      );
      expect(served.map((r) => (r as { loggedByService?: string }).loggedByService)).toContain(
        SAMPLE_SERVICE_API,
      );
    });

    it(`reads ten days back only as far as the tenant keeps logs (${licence === 'free' ? 7 : 30} days)`, async () => {
      // Act
      const summary = await stack.runtime.runCycle(new Date(), logger);

      // Assess
      expect(summary.status).toBe('ok');
      const narrowed = summary.directory.warnings.filter((w) =>
        w.startsWith('Graph refused audit records before'),
      );
      expect(narrowed).toHaveLength(licence === 'free' ? 1 : 0);
    });
  },
);
