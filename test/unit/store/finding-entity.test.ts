import { StoreError } from '../../../src/errors';
import { findingProperties, storedFromEntity } from '../../../src/store/finding-entity';
import type { StoredFinding } from '../../../src/store/store';
import { buildFinding } from '../../support/stored-finding-builder';

const stored = (title: string): StoredFinding => ({
  finding: buildFinding({
    tenantId: 't',
    activityDateTime: '2026-03-10T10:00:00.1234567Z',
    targetUpn: 'GA@Contoso.test',
    title,
  }),
  alertStatus: 'pending',
  deliveries: {},
});

describe('findings row encoding', () => {
  it('keeps a small finding in one property with lowercased, canonical index columns', () => {
    const original = stored('TAP issued');

    const properties = findingProperties(original);

    expect(properties).toMatchObject({
      findingParts: 0,
      targetUpn: 'ga@contoso.test',
      activityDateTime: '2026-03-10T10:00:00.123Z',
      ruleIds: '|tap-issued|',
      severityRank: 0,
    });
    expect(storedFromEntity(properties)).toEqual(original);
  });

  it('splits a long finding into ASCII parts of at most 32 000 characters and reads it back equal', () => {
    const original = stored(`Ünïcödé ${'名'.repeat(20_000)} 🔑 ${'x'.repeat(40_000)}`);

    const properties = findingProperties(original);

    const parts = Object.keys(properties).filter((k) => k.startsWith('finding_'));
    expect(properties.findingParts).toBe(parts.length);
    expect(parts.length).toBeGreaterThan(3);
    for (const key of parts) {
      const part = String(properties[key]);
      expect(part.length).toBeLessThanOrEqual(32_000);
      expect(/^[\x20-\x7e]*$/.test(part)).toBe(true);
    }
    expect(storedFromEntity(properties)).toEqual(original);
  });

  it('refuses a finding larger than a row can hold with StoreError', () => {
    expect(() => findingProperties(stored('x'.repeat(500_000)))).toThrow(StoreError);
  });

  it('reports an unreadable row by its keys, not its content', () => {
    const entity = {
      partitionKey: 'p',
      rowKey: 'r',
      finding: '{"secret": tru',
      findingParts: 0,
      alertStatus: 'pending',
    };

    expect(() => storedFromEntity(entity)).toThrow('findings row p/r is not valid JSON');
  });
});
