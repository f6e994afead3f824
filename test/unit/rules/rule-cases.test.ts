import { buildDirectory } from '../../../src/directory/build-directory';
import { DEFAULT_RULES_CONFIG, NOW } from '../../../src/rules/builders';
import type { ChainRule, ChainRuleCase } from '../../../src/rules/chain-types';
import { catalog } from '../../../src/rules/index';
import type { Rule, RuleCase } from '../../../src/rules/types';
import { casesOf } from './rule-files';

type AnyCase = RuleCase | ChainRuleCase;

/**
 * Runs one case the way the pipeline runs the rule: a TAP rule over its event with a Directory built from
 * the case's snapshot (or none), a chain rule over its subject as `correlate` does.
 */
function run(rule: Rule | ChainRule, example: AnyCase) {
  const config = { ...DEFAULT_RULES_CONFIG, ...example.config };
  if ('kind' in rule) {
    if (!('subject' in example)) throw new Error(`${rule.id}: a chain rule case needs a subject`);
    return rule.evaluate(example.subject, { config });
  }
  if (!('event' in example)) throw new Error(`${rule.id}: a TAP rule case needs an event`);
  const directory = example.directory
    ? buildDirectory(example.directory, {
        privilegedRoleIds: config.privilegedRoleIds,
        syncAccountPatterns: config.syncAccountPatterns,
        now: example.now ?? NOW,
      })
    : undefined;
  return rule.evaluate(example.event, { directory, config });
}

describe.each(catalog.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const table = casesOf(rule.id).map((example) => [example.name, example] as const);
  if (table.length === 0) {
    it('has cases beside it', () => expect(table).not.toHaveLength(0));
    return;
  }

  it.each(table)('%s', (_name, example) => {
    // Act
    const result = run(rule, example);

    // Assess
    expect({ fires: result !== undefined }).toEqual({ fires: example.fires });
    expect(result?.reason ?? '').toMatch(example.reason ?? /[\s\S]*/);
    expect(result?.evidence ?? {}).toEqual(expect.any(Object));
  });
});
