import { normalize } from '../audit/normalize';
import {
  type DirectoryAuditRecord,
  type MethodKind,
  methodDeleted,
  methodRegistered,
  otherService,
  passwordReset,
  registrationFailed,
  securityInfoEvent,
} from './audit-builders';
import { documentationIp, type SimUser } from './audit-record';
import { createPrng, hashSeed, type Prng } from './prng';
import { SAMPLE_PEOPLE as P, SAMPLE_ONBOARDING_APP, SAMPLE_STAFF } from './sample-tenant-directory';
import { asAdmin, buildScenarioRecords, sampleTime } from './sample-tenant-scenario';

/**
 * The benign background of the sample day: people registering, changing and losing methods, plus a
 * little traffic from other services. None of it is a TAP creation; a detector must stay quiet.
 */

/** How many Authentication Methods noise records the sample day holds. */
export const SAMPLE_NOISE_RECORDS = 300;
/** Random records from other services (Core Directory, SSPR, …); the onboarding app's three `Add user` records come on top. */
export const SAMPLE_OTHER_SERVICE_RECORDS = 30;

/** Office-hours weighting of activity per UTC hour (the tenant works in Western Europe). */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 9, 14, 14, 13, 12, 9, 12, 13, 12, 10, 7, 4, 3, 2, 2, 1, 1];
const HOURS = HOUR_WEIGHTS.map((_, h) => h);

/** A time of the sample day, kept inside 00:05–23:55 so a shifted day still fits a 24 h lookback. */
function noiseTime(rng: Prng): number {
  const hour = rng.weighted(HOURS, HOUR_WEIGHTS);
  const t = sampleTime(hour, rng.int(0, 59), rng.int(0, 59), rng.int(0, 999));
  return Math.min(Math.max(t, sampleTime(0, 5)), sampleTime(23, 55));
}

const KINDS: MethodKind[] = ['authenticator', 'phone', 'fido2', 'windowsHello', 'email'];
const KIND_WEIGHTS = [45, 25, 12, 12, 6];

type NoiseKind = 'register' | 'delete' | 'adminPhone' | 'fail' | 'securityInfo' | 'passwordReset';
const NOISE: NoiseKind[] = ['register', 'delete', 'adminPhone', 'fail', 'securityInfo', 'passwordReset'];
const NOISE_WEIGHTS = [52, 10, 6, 10, 16, 6];

/** Noise keeps this far from a scenario TAP of the same person, so background traffic never joins a chain. */
const TAP_MARGIN_MS = 90 * 60_000;

/** Each scenario TAP's target and the span (validity ± margin) noise must leave alone for that person. */
function scenarioTapSpans(): { targetId: string; from: number; to: number }[] {
  return buildScenarioRecords().flatMap((record) => {
    try {
      return normalize(record).map((event) => ({
        targetId: event.target.id,
        from: Date.parse(event.tap.startDateTime ?? event.activityDateTime) - TAP_MARGIN_MS,
        to: Date.parse(event.tap.endDateTime ?? event.activityDateTime) + TAP_MARGIN_MS,
      }));
    } catch {
      return [];
    }
  });
}

/** Benign Authentication Methods records and other services' records of the sample day. */
export function buildNoiseRecords(): DirectoryAuditRecord[] {
  const spans = scenarioTapSpans();
  const busy = (user: SimUser, at: number): boolean =>
    spans.some((s) => s.targetId === user.id && at >= s.from && at <= s.to);
  const rng = createPrng(hashSeed('contoso:noise'));
  const people: SimUser[] = [...SAMPLE_STAFF, P.henrietta, P.christie, P.debra, P.irvin, P.gerhart];
  people.push(P.exchangeAdmin, P.directoryReader, P.reportViewer, P.tier0MemberB, P.expiredEligible);
  const ips = new Map(people.map((u) => [u.id, documentationIp(rng)]));
  const helpers = [asAdmin(P.authAdmin), asAdmin(P.helpdeskAdmin)];
  const records: DirectoryAuditRecord[] = [];
  for (let i = 0; i < SAMPLE_NOISE_RECORDS; i++) {
    const at = noiseTime(rng);
    let target = rng.pick(people);
    while (busy(target, at)) target = rng.pick(people);
    const ipAddress = ips.get(target.id) ?? '192.0.2.1';
    // A tenth of the records use the `+00:00` spelling some exports write.
    const zone = rng.chance(0.1) ? ('+00:00' as const) : ('Z' as const);
    const kind = rng.weighted(KINDS, KIND_WEIGHTS);
    const base = { rng, at, zone, target, ipAddress, kind };
    switch (rng.weighted(NOISE, NOISE_WEIGHTS)) {
      case 'register':
        records.push(methodRegistered(base));
        break;
      case 'delete':
        records.push(methodDeleted(base));
        break;
      case 'adminPhone':
        records.push(
          rng.chance(0.7)
            ? methodRegistered({ ...base, kind: 'phone', admin: rng.pick(helpers) })
            : methodDeleted({ ...base, kind: 'phone', admin: rng.pick(helpers) }),
        );
        break;
      case 'fail':
        records.push(registrationFailed(base));
        break;
      case 'securityInfo':
        records.push(
          securityInfoEvent({
            ...base,
            activity: rng.pick(['started', 'canceled', 'changedDefault', 'reviewed', 'allRequired'] as const),
          }),
        );
        break;
      case 'passwordReset':
        records.push(passwordReset(rng.chance(0.5) ? { ...base, admin: rng.pick(helpers) } : base));
        break;
    }
  }
  const directoryAdmins = [asAdmin(P.userAdmin), asAdmin(P.globalAdmin)];
  for (let i = 0; i < SAMPLE_OTHER_SERVICE_RECORDS; i++) {
    // Other services' records (PIM activations among them) keep away from TAP holders too.
    const at = noiseTime(rng);
    let target = rng.pick(people);
    while (busy(target, at)) target = rng.pick(people);
    const initiator = rng.chance(0.6)
      ? rng.pick(directoryAdmins)
      : { user: target, ipAddress: ips.get(target.id) ?? '192.0.2.1' };
    records.push(otherService({ rng, at, initiator, target }));
  }
  // The onboarding app creates the new hires' accounts before issuing their passes.
  for (const [i, hire] of [P.newHireA, P.newHireB, P.newHireC].entries()) {
    records.push(
      otherService({
        rng,
        at: sampleTime(6, 58, 40 + i * 3),
        initiator: { app: SAMPLE_ONBOARDING_APP },
        target: hire,
        kind: 'addUser',
      }),
    );
  }
  return records;
}
