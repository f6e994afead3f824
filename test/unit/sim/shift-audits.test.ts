import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantSnapshot } from '../../../src/directory/snapshot';
import { shiftAuditTimes, shiftTimestamp } from '../../../src/sim/shift-audits';
import { buildTenant } from '../../fixtures/graph/tenant-builder';

type Audit = {
  id: string;
  activityDateTime: string;
  targetResources: Array<{
    modifiedProperties: Array<{ displayName: string; oldValue: string; newValue: string }>;
  }>;
};

const audits = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/graph/directory-audits.json'), 'utf8'),
) as Audit[];
const tenant = (): TenantSnapshot => buildTenant({ audits: structuredClone(audits) });
const NOW = new Date('2026-03-10T12:00:00Z');

describe('shiftAuditTimes', () => {
  it('moves the newest record to five minutes before now and every other one by the same offset', () => {
    // Act
    const shifted = shiftAuditTimes(tenant(), NOW).directoryAudits as Audit[];

    // Assess
    expect(shifted.map((a) => a.activityDateTime)).toEqual([
      '2026-03-10T11:53:43.009984+00:00',
      '2026-03-10T11:55:00.1234567Z',
      '2026-03-10T11:20:12.5Z',
    ]);
    expect(shifted.map((a) => a.id)).toEqual(audits.map((a) => a.id));
  });

  it('shifts the TAP start and end inside their JSON-encoded values and leaves other properties alone', () => {
    // Act
    const shifted = shiftAuditTimes(tenant(), NOW, 5).directoryAudits as Audit[];

    // Assess
    const properties = shifted[0]?.targetResources[0]?.modifiedProperties ?? [];
    expect(properties.map((p) => [p.displayName, p.oldValue, p.newValue])).toEqual([
      ['TemporaryAccessPass.Id', '""', '"3d38627e-f962-4166-8f96-ea05e09c6309"'],
      ['TemporaryAccessPass.StartDateTime', '""', '"2026-03-10T11:53:42.4474495Z"'],
      ['TemporaryAccessPass.EndDateTime', '""', '"2026-03-10T12:53:42.4474495Z"'],
      ['TemporaryAccessPass.AccessPassUsage', '""', '"Multiple"'],
    ]);
  });

  it('honours a custom age and returns a new snapshot without touching the input', () => {
    // Prepare
    const input = tenant();
    const before = JSON.stringify(input);

    // Act
    const shifted = shiftAuditTimes(input, NOW, 60);

    // Assess
    expect(shifted).not.toBe(input);
    expect(JSON.stringify(input)).toBe(before);
    expect((shifted.directoryAudits[1] as Audit).activityDateTime).toBe('2026-03-10T11:00:00.1234567Z');
    expect(shifted.roleAssignments).toEqual(input.roleAssignments);
  });

  it('returns an unchanged copy when there are no audits', () => {
    expect(shiftAuditTimes(buildTenant({}), NOW).directoryAudits).toEqual([]);
  });
});

describe('shiftTimestamp', () => {
  it.each([
    ['2022-06-27T10:03:43.009984+00:00', '2022-06-27T11:03:43.009984+00:00'],
    ['2022-06-27T23:30:00-05:00', '2022-06-28T00:30:00-05:00'],
    ['2022-06-27T10:03:43', '2022-06-27T11:03:43'],
    ['not a time', 'not a time'],
  ])('shifts %s by an hour to %s', (input, expected) => {
    expect(shiftTimestamp(input, 3_600_000)).toBe(expected);
  });
});
