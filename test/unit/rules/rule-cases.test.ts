import { buildDirectory } from '../../../src/directory/build-directory';
import { DEFAULT_RULES_CONFIG, NOW } from '../../../src/rules/builders';
import { rules } from '../../../src/rules/index';
import type { Rule, RuleCase } from '../../../src/rules/types';
import { casesOf } from './rule-files';

/** Runs one case the way classify runs rules: a Directory built from the case's snapshot, or none. */
function run(rule: Rule, example: RuleCase) {
  const config = { ...DEFAULT_RULES_CONFIG, ...example.config };
  const directory = example.directory
    ? buildDirectory(example.directory, {
        privilegedRoleIds: config.privilegedRoleIds,
        syncAccountPatterns: config.syncAccountPatterns,
        now: example.now ?? NOW,
      })
    : undefined;
  return rule.evaluate(example.event, { directory, config });
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
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
