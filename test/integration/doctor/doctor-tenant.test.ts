import { randomBytes } from 'node:crypto';
import { urlHash } from '../../../src/alerts/sign';
import { makeDoctorCommand } from '../../../src/cli/doctor';
import { main } from '../../../src/cli/main';
import type { DoctorReport } from '../../../src/doctor/run-doctor';
import { simulatedAccessToken } from '../../../src/sim/sim-access-token';
import { staticCredential } from '../../../src/sim/static-credential';
import { captureIo } from '../../support/capture-io';
import { type DoctorStack, GRANTED, startDoctorStack } from './doctor-stack';

const CUSTOMER = '9d2c1b0a-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const APP = '3f2a9c1e-5b7d-4e8f-9a6b-1c2d3e4f5a6b';

describe('tapwatch doctor --tenant', () => {
  let stack: DoctorStack;
  /** The customer's own webhook: an app setting the tenant row references, never the value itself. */
  let customerHook: string;
  const customerSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const env = () =>
    stack.env({ TABLE_PREFIX: 'doctortenant', CUSTOMER_HOOK: customerHook, CUSTOMER_SECRET: customerSecret });
  /** The simulator's credential, with a token for whichever tenant the command decided to check. */
  const doctor = (args: string[]) => {
    const io = captureIo(env());
    const seen: string[] = [];
    const command = makeDoctorCommand((config) => {
      seen.push(config.tenantId);
      const token = simulatedAccessToken({
        tid: config.tenantId,
        appid: APP,
        oid: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        idtyp: 'app',
        roles: GRANTED,
      });
      return { credential: staticCredential(token), graphCa: stack.sim.ca };
    });
    return command(args, io).then((code) => ({ code, io, seen }));
  };

  beforeAll(async () => {
    stack = await startDoctorStack();
    customerHook = `${stack.hook.url}/customer/${randomBytes(8).toString('hex')}`;
    const io = captureIo(env());
    const added = await main(
      [
        'tenants',
        'add',
        CUSTOMER,
        '--name',
        'Fabrikam',
        '--app-id',
        APP,
        '--set',
        'WEBHOOK_URLS=env:CUSTOMER_HOOK',
        '--set',
        'WEBHOOK_SECRET=env:CUSTOMER_SECRET',
      ],
      io,
    );
    if (added !== 0) throw new Error(`tenants add failed: ${io.err()}`);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("checks a registered tenant with its own settings and channels, not the deployment's", async () => {
    // Act
    const { code, io, seen } = await doctor(['--tenant', CUSTOMER, '--format', 'json']);

    // Assess
    expect(io.err()).toBe('');
    const report = JSON.parse(io.out()) as DoctorReport;
    expect(code).toBe(0);
    expect(seen).toEqual([CUSTOMER]);
    expect(report.tenantId).toBe(CUSTOMER);
    const channels = report.checks.filter((c) => c.id.startsWith('channel:')).map((c) => c.title);
    expect(channels).toEqual([`webhook:${urlHash(customerHook)}`]);
    expect(report.checks.find((c) => c.id === 'identity')?.status).toBe('pass');
    expect(io.out()).not.toContain(customerHook);
    expect(io.out()).not.toContain(customerSecret.slice(6));
  });

  it('checks the environment tenant when --tenant is TENANT_ID and it is not registered', async () => {
    // Act
    const tenantId = env().TENANT_ID ?? '';
    const { code, io, seen } = await doctor(['--tenant', tenantId, '--format', 'json']);

    // Assess
    expect(code).toBe(0);
    expect(seen).toEqual([tenantId]);
    expect((JSON.parse(io.out()) as DoctorReport).checks.map((c) => c.title)).toContain('teams');
  });

  it('refuses a tenant that is neither TENANT_ID nor registered, saying how to register it', async () => {
    // Act and Assess: a usage error, which the CLI prints in one line with exit 2.
    await expect(doctor(['--tenant', 'aaaaaaaa-0000-4000-8000-00000000000a'])).rejects.toThrow(
      /neither TENANT_ID .* nor a registered tenant: add it with "tapwatch tenants add/,
    );
  });
});
