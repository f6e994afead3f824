import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainRuleCase } from '../../../src/rules/chain-types';
import type { RuleCase } from '../../../src/rules/types';

/** Where rule files live; a rule's file name is its id. */
export const RULES_DIR = join(__dirname, '../../../src/rules');

/** Rule modules in the folder: `tap-*.ts` that are not cases. */
export function ruleFileIds(): string[] {
  return readdirSync(RULES_DIR)
    .filter((f) => /^tap-[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.cases.ts'))
    .map((f) => f.replace(/\.ts$/, ''));
}

/** Exports of `src/rules/<id>.ts`, or undefined when there is no such file. */
export function ruleModule(id: string): Record<string, unknown> | undefined {
  const path = join(RULES_DIR, `${id}.ts`);
  return existsSync(path) ? (require(path) as Record<string, unknown>) : undefined;
}

/** The `cases` exported by `src/rules/<id>.cases.ts`; empty when the file or export is missing. */
export function casesOf(id: string): (RuleCase | ChainRuleCase)[] {
  const path = join(RULES_DIR, `${id}.cases.ts`);
  if (!existsSync(path)) return [];
  const cases = (require(path) as { cases?: (RuleCase | ChainRuleCase)[] }).cases;
  return Array.isArray(cases) ? cases : [];
}
