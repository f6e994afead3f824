import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, renameSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The scan bench's input: generated Graph `directoryAudit` JSON Lines, about 1 % TAP creations, the rest
 * Authentication Methods traffic and other services, deterministic for a given size; and the same
 * records as one saved Graph page. Files are written once and kept in `bench/tmp`.
 */

/** Bump when the generated records change, so cached files are regenerated. */
export const GENERATOR_VERSION = 3;

/** Writes `size` records unless a file from the same generator version is already there. */
export async function generate(file: string, size: number): Promise<string> {
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  const rng = lcg(size);
  let batch = '';
  for (let i = 0; i < size; i++) {
    batch += `${JSON.stringify(auditRecord(i, rng))}\n`;
    if (batch.length > 1 << 20) {
      if (!stream.write(batch)) await once(stream, 'drain');
      batch = '';
    }
  }
  stream.end(batch);
  await once(stream, 'finish');
  renameSync(partial, file);
  return file;
}

/** Writes the records of JSON Lines file `jsonl` as one saved Graph page, `{"value":[…]}`, once. */
export async function graphPage(jsonl: string, file: string): Promise<string> {
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  out.write('{"value":[\n');
  let first = true;
  for await (const line of createInterface({
    input: createReadStream(jsonl),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line === '') continue;
    if (!out.write(first ? line : `,\n${line}`)) await once(out, 'drain');
    first = false;
  }
  out.end('\n]}\n');
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}

type Rng = () => number;

/** Deterministic, fast, good enough to vary names and ids. */
function lcg(seed: number): Rng {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function guid(rng: Rng): string {
  const [a, b, c, d] = [0, 0, 0, 0].map(() =>
    Math.floor(rng() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  );
  return `${a}-${b?.slice(0, 4)}-4${b?.slice(5)}-a${c?.slice(1, 4)}-${c?.slice(4)}${d}`;
}

const NAMES = 'ada ben chen dana emeka fatima goran hana ivan jun kofi lena'.split(' ');
const SURNAMES = 'smith garcia nguyen okafor schmidt kowalski tanaka haddad silva berg'.split(' ');
const AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Edg/131.0';
const AUTH = 'Authentication Methods';
const TAP_REASON = 'temporary access pass method for user';
/** [activity, result reason] of benign Authentication Methods traffic. */
const METHODS = [
  ['Admin registered security info', 'Admin registered phone method for user'],
  ['User registered security info', 'User registered Fido2 Authentication method'],
  ['User registered security info', 'User registered Authenticator App with Notification and Code'],
  ['User started security info registration', 'User started the registration for Authenticator App'],
  ['User deleted security info', 'User deleted phone method'],
];
/** [service, category, activity, target type] of other services' records. */
const OTHER = [
  ['Core Directory', 'UserManagement', 'Update user', 'User'],
  ['Core Directory', 'GroupManagement', 'Add member to group', 'Group'],
  ['Core Directory', 'ApplicationManagement', 'Update service principal', 'ServicePrincipal'],
  ['Self-service Password Management', 'UserManagement', 'Reset password (self-service)', 'User'],
  ['Invited Users', 'UserManagement', 'Invite external user', 'User'],
  ['Core Directory', 'Device', 'Update device', 'Device'],
];

function person(rng: Rng) {
  const n = Math.floor(rng() * 50_000);
  const name = `${NAMES[n % NAMES.length]}.${SURNAMES[n % SURNAMES.length]}${n}`;
  return { id: guid(rng), displayName: name.replace('.', ' '), userPrincipalName: `${name}@contoso.com` };
}

/**
 * Record `i`: slot 0 of every hundred is a TAP creation; slot 57 names a TAP too but is a deletion
 * or a failure (must not become a finding); slots 1–40 are other Authentication Methods traffic;
 * the rest come from other services.
 */
function auditRecord(i: number, rng: Rng): Record<string, unknown> {
  const at = Date.UTC(2026, 10, 20) + i * 83;
  const correlationId = guid(rng);
  const slot = i % 100;
  const namesTap = slot === 0 || slot === 57;
  const deleted = slot === 57 && i % 200 !== 57;
  let [service, category, activity, type, reason]: string[] = [AUTH, 'UserManagement', '', 'User', ''];
  if (namesTap) {
    activity = `Admin ${deleted ? 'deleted' : 'registered'} security info`;
    reason = `Admin ${deleted ? 'deleted' : 'registered'} ${TAP_REASON}`;
  } else if (slot <= 40) [activity, reason] = METHODS[i % METHODS.length] as [string, string];
  else [service, category, activity, type] = OTHER[i % OTHER.length] as [string, string, string, string];
  const tap = (name: string, value: string) => ({
    displayName: `TemporaryAccessPass.${name}`,
    oldValue: '""',
    newValue: JSON.stringify(value),
  });
  const props = namesTap
    ? [
        tap('Id', guid(rng)),
        tap('StartDateTime', new Date(at).toISOString()),
        tap('EndDateTime', new Date(at + (i % 300 === 0 ? 600 : 60) * 60_000).toISOString()),
        tap('AccessPassUsage', 'Multiple'),
      ]
    : [{ displayName: 'Included Updated Properties', oldValue: null, newValue: '"DisplayName"' }];
  return {
    id: `${service}_${correlationId}_${(i % 99_999).toString(36).toUpperCase().padStart(5, '0')}_${i}`,
    category,
    correlationId,
    result: slot === 57 && i % 200 === 57 ? 'failure' : 'success',
    resultReason: reason,
    activityDisplayName: activity,
    activityDateTime: new Date(at).toISOString().replace('Z', '1234Z'),
    loggedByService: service,
    operationType: slot === 0 ? 'Add' : 'Update',
    initiatedBy: {
      user: { ...person(rng), ipAddress: `203.0.113.${i % 250}`, userType: 'Member' },
      app: null,
    },
    targetResources: [{ ...person(rng), type, groupType: null, modifiedProperties: props }],
    additionalDetails: [{ key: 'User-Agent', value: AGENT }],
  };
}
