import type { ChainRule } from '../../../src/rules/chain-types';
import { catalog as rules } from '../../../src/rules/index';
import type { Rule } from '../../../src/rules/types';
import { isSeverity } from '../../../src/severity';
import { casesOf, ruleFileIds, ruleModule } from './rule-files';

const ATTACK_ID = /^T\d{4}(\.\d{3})?$/;

/** Every problem of one rule, as "<id>: <problem>" lines. */
function problemsOf(rule: Rule | ChainRule): string[] {
  const problems: string[] = [];
  const module = ruleModule(rule.id);
  if (!module) problems.push(`no file src/rules/${rule.id}.ts`);
  else if (!Object.values(module).includes(rule))
    problems.push(`src/rules/${rule.id}.ts does not export this rule`);
  if (!isSeverity(rule.severity)) problems.push(`unknown severity ${rule.severity}`);
  if (!rule.title.trim()) problems.push('empty title');
  if (!rule.description.trim()) problems.push('empty description');
  if (rule.attack.length === 0) problems.push('no ATT&CK technique');
  for (const id of rule.attack) if (!ATTACK_ID.test(id)) problems.push(`malformed ATT&CK id "${id}"`);
  if (rule.triage.length === 0 || rule.triage.some((s) => !s.trim()))
    problems.push('missing or empty triage step');
  if (rule.falsePositives.length === 0 || rule.falsePositives.some((s) => !s.trim()))
    problems.push('missing or empty false positive');
  const cases = casesOf(rule.id);
  if (!cases.some((c) => c.fires)) problems.push(`no should-fire case in src/rules/${rule.id}.cases.ts`);
  if (!cases.some((c) => !c.fires)) problems.push(`no should-not-fire case in src/rules/${rule.id}.cases.ts`);
  const names = cases.map((c) => c.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    problems.push(`duplicate case "${name}"`);
  return problems.map((p) => `${rule.id}: ${p}`);
}

describe('rule catalog metadata', () => {
  it('lists no offender across all rules', () => {
    // Prepare
    const ids = rules.map((r) => r.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${id}: duplicate id`);
    const unlisted = ruleFileIds()
      .filter((id) => !ids.includes(id))
      .map((id) => `${id}: src/rules/${id}.ts is not listed in src/rules/index.ts`);

    // Act
    const problems = [...duplicates, ...unlisted, ...rules.flatMap(problemsOf)];

    // Assess
    expect(problems).toEqual([]);
  });

  it('keeps the ids, severities and ATT&CK techniques users rely on (docs/rules.md); new rules may be added', () => {
    const catalog = Object.fromEntries(
      rules.map((r) => [r.id, [r.severity, [...r.attack].sort().join(' ')]]),
    );

    expect(catalog).toMatchObject({
      'tap-issued': ['informational', 'T1078.004'],
      'tap-privileged-target': ['high', 'T1078.004 T1098.001'],
      'tap-sync-account': ['critical', 'T1098.001 T1556'],
      'tap-initiator-not-authorized': ['high', 'T1078.004 T1098'],
      'tap-app-initiator': ['medium', 'T1098.001'],
      'tap-long-lifetime': ['low', 'T1078.004'],
      'tap-signin': ['informational', 'T1078.004'],
      'tap-method-registered': ['informational', 'T1098.005'],
      'tap-persistence': ['critical', 'T1098.005 T1556.006'],
      'tap-victim-methods-removed': ['high', 'T1098 T1531'],
      'tap-role-activated': ['critical', 'T1078.004 T1548'],
      'tap-bulk-issuance': ['high', 'T1098'],
    });
  });
});
