import { GRAPH_PERMISSIONS } from '../../../src/graph/graph-permissions';
import { catalog as rules } from '../../../src/rules/index';
import { SETTINGS } from '../../../src/settings';
import {
  blockText,
  checkBlock,
  readDoc,
  renderPermissionsTable,
  renderRuleDetails,
  renderRulesTable,
  renderSettingsTable,
  tableRows,
} from '../../support/doc-blocks';

/**
 * Tables and sections that come from code are generated from it and compared here, so neither side can
 * drift unseen. `UPDATE_DOCS=1 npx jest test/unit/docs` rewrites them from the code.
 */

describe('docs/configuration.md', () => {
  it('shows every setting of SETTINGS with its default, its secrecy and its description, and nothing else', () => {
    // Act
    const problem = checkBlock('docs/configuration.md', 'settings-table', renderSettingsTable(SETTINGS));

    // Assess
    expect(problem).toBeUndefined();
  });
});

describe('docs/rules.md', () => {
  it('lists every rule of the catalog with its severity, ATT&CK techniques and title, and no other rule', () => {
    // Act
    const problem = checkBlock('docs/rules.md', 'rules-table', renderRulesTable(rules));

    // Assess
    expect(problem).toBeUndefined();
  });

  it("gives every rule a section with its description, triage steps and false positives as the rule's metadata has them", () => {
    // Act
    const problem = checkBlock('docs/rules.md', 'rule-details', renderRuleDetails(rules));

    // Assess
    expect(problem).toBeUndefined();
  });
});

describe('docs/deploy.md', () => {
  it('lists exactly the Graph permissions of graph-permissions.json, with their calls and pages', () => {
    // Act
    const problem = checkBlock(
      'docs/deploy.md',
      'graph-permissions',
      renderPermissionsTable(GRAPH_PERMISSIONS),
    );

    // Assess
    expect(problem).toBeUndefined();
  });
});

describe("the README's short rule table", () => {
  it('names every rule of the catalog with its severity, in catalog order, and no other rule', () => {
    // Prepare
    const expected = rules.map((r) => [r.id, r.severity]);

    // Act
    const shown = tableRows(blockText(readDoc('README.md'), 'readme-rules') ?? '').map(([id, severity]) => [
      (id ?? '').replace(/^`(.*)`$/, '$1'),
      severity ?? '',
    ]);

    // Assess
    expect(shown).toEqual(expected);
  });
});
