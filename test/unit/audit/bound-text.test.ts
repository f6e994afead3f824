import { boundEventText, boundText, TEXT_LIMITS } from '../../../src/audit/bound-text';
import { normalize } from '../../../src/audit/normalize';
import { DEFAULT_RULES_CONFIG, NOW } from '../../../src/rules/builders';
import { classify } from '../../../src/rules/classify';
import { findingProperties } from '../../../src/store/finding-entity';
import { fixtureRecords } from './fixture';

/** Table Storage: a string property holds at most 32K UTF-16 characters; an entity at most 1 MiB. */
const MAX_STRING_PROPERTY = 32 * 1024;
const MAX_ENTITY_BYTES = 1024 * 1024;

const LONG_APP = 'A'.repeat(160_000);
const LONG_UPN = `${'u'.repeat(100 * 1024)}@contoso.com`;

/** A real TAP creation whose initiator is an app with a 160,000-character name and whose target UPN is 100 KB. */
function poisonRecord(): unknown {
  const [record] = fixtureRecords('tap-variants.graph.json') as [Record<string, unknown>];
  const copy = structuredClone(record) as {
    initiatedBy: unknown;
    targetResources: { userPrincipalName?: string; displayName?: string }[];
  };
  copy.initiatedBy = {
    app: { appId: 'ce79fdc4-cd1d-4ea5-8139-e74d7dbe0bb7', displayName: LONG_APP, servicePrincipalId: 'sp-1' },
  };
  for (const target of copy.targetResources) {
    target.userPrincipalName = LONG_UPN;
    target.displayName = `Victim ${'ü'.repeat(50_000)}`;
  }
  return copy;
}

/** Every string in `value`, with the key it sits under. */
function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, k));
}

describe('text bounds of normalized events', () => {
  it('cuts a 160,000-character app name and a 100 KB UPN, keeping their start and a visible marker', () => {
    // Act
    const [event] = normalize(poisonRecord());

    // Assess
    expect(event?.initiator.displayName).toHaveLength(TEXT_LIMITS.text);
    expect(event?.initiator.displayName).toMatch(/^A{900,}…\[cut 15\d,\d{3} chars, sha256:[0-9a-f]{8}\]$/);
    expect(event?.target.userPrincipalName?.startsWith('uuuu')).toBe(true);
    expect(event?.target.userPrincipalName).toMatch(/…\[cut 10\d,\d{3} chars, sha256:[0-9a-f]{8}\]$/);
    const tooLong = strings(event).filter(([, s]) => s.length > TEXT_LIMITS.reason);
    expect(tooLong).toEqual([]);
  });

  it('keeps a finding built from such a record within what one Table entity can store', () => {
    // Prepare
    const events = normalize(poisonRecord());
    const { findings } = classify(events, { tenantId: 'offline', now: NOW, config: DEFAULT_RULES_CONFIG });

    // Act
    const properties = findingProperties({
      finding: findings[0] as never,
      alertStatus: 'pending',
      deliveries: {},
    });

    // Assess
    const oversized = Object.entries(properties).filter(
      ([, v]) => typeof v === 'string' && v.length > MAX_STRING_PROPERTY,
    );
    expect(oversized).toEqual([]);
    const bytes = Object.entries(properties).reduce(
      (n, [k, v]) => n + 2 * k.length + (typeof v === 'string' ? 2 * v.length : 8),
      0,
    );
    expect(bytes).toBeLessThan(MAX_ENTITY_BYTES / 4);
  });

  it('leaves real values alone and keeps two long values that share a beginning distinct', () => {
    // Prepare
    const a = `${'x'.repeat(5000)}a`;
    const b = `${'x'.repeat(5000)}b`;

    // Act + Assess
    expect(boundText('grace.admin@contoso.com', 1024)).toBe('grace.admin@contoso.com');
    expect(boundText(a, 1024)).not.toBe(boundText(b, 1024));
    expect(boundText(a, 1024)).toHaveLength(1024);
  });

  it('never splits a surrogate pair at the cut', () => {
    // Act
    const cut = boundText('😀'.repeat(2000), 100);

    // Assess
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^(?:😀)+…\[cut/u);
  });

  it('bounds every string of any event shape, at any depth, by its field name', () => {
    // Prepare
    const long = 'z'.repeat(10_000);
    const chainEvent = {
      kind: 'method-registered',
      auditId: long,
      target: { id: long, userPrincipalName: long },
      methods: [{ displayName: long }],
      resultReason: long,
      count: 3,
    };

    // Act
    const bounded = boundEventText(chainEvent);

    // Assess
    expect(bounded.auditId).toHaveLength(TEXT_LIMITS.id);
    expect(bounded.target.id).toHaveLength(TEXT_LIMITS.id);
    expect(bounded.target.userPrincipalName).toHaveLength(TEXT_LIMITS.text);
    expect(bounded.methods[0]?.displayName).toHaveLength(TEXT_LIMITS.text);
    expect(bounded.resultReason).toHaveLength(TEXT_LIMITS.reason);
    expect(bounded).toMatchObject({ kind: 'method-registered', count: 3 });
  });
});
