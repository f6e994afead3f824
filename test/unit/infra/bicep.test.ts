import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { SETTINGS, type SettingSpec } from '../../../src/config';
import { checkInfra, formatOffences } from './bicep-check';
import { createBicepParser, declared, parseBicep } from './bicep-tree';

const ROOT = join(__dirname, '..', '..', '..');
const INFRA = join(ROOT, 'infra');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'infra');

let parser: Parser;
const scratch: string[] = [];

beforeAll(async () => {
  parser = await createBicepParser();
});

afterAll(() => {
  parser.delete();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Offences of one fixture directory as `path:line message` lines, paths relative to FIXTURES. */
function offencesOf(dir: string, settings: readonly SettingSpec[] = []): string[] {
  const text = formatOffences(checkInfra(parser, dir, settings), FIXTURES);
  return text ? text.split('\n') : [];
}

describe('infra/**/*.bicep', () => {
  it('parses cleanly, wires every module and sets every tapwatch setting in the function app', () => {
    // Act
    const offences = formatOffences(checkInfra(parser, INFRA, SETTINGS), ROOT);

    // Assess: the message lists every offender at once.
    expect(offences).toBe('');
  });

  it('lets the azd environment set every setting an operator chooses, under its own name', () => {
    // Prepare: identity, tenant and storage wiring come from the deployment itself.
    const fromDeployment = new Set([
      'TENANT_ID',
      'AZURE_CLIENT_ID',
      'TABLES_ENDPOINT',
      'STORAGE_CONNECTION_STRING',
    ]);
    const parameters = readFileSync(join(INFRA, 'main.parameters.json'), 'utf8');

    // Act
    const unreachable = SETTINGS.filter((s) => !fromDeployment.has(s.name))
      .map((s) => s.name)
      .filter((name) => !parameters.includes(`"\${${name}}"`));

    // Assess
    expect(unreachable).toEqual([]);
  });
});

describe('Flex Consumption scale limits', () => {
  // https://learn.microsoft.com/azure/azure-functions/event-driven-scaling#limit-scale-out: some versions
  // say the lowest maximum instance count is 40, a newer one says 1; the highest is 1000.
  const DOCUMENTED_MINIMUMS = [40, 1];

  it.each(['main.bicep', 'modules/functionapp.bicep'])(
    '%s defaults maximumInstanceCount to a value every documented minimum accepts',
    (file) => {
      // Prepare
      const bicep = parseBicep(parser, join(INFRA, file));

      // Act
      const value = Number(declared(bicep, 'parameter_declaration', 'maximumInstanceCount')?.text);

      // Assess
      expect(DOCUMENTED_MINIMUMS.filter((minimum) => value < minimum)).toEqual([]);
      expect(value).toBeLessThanOrEqual(1000);
    },
  );
});

describe('the Bicep check', () => {
  it('reports each syntax error with its file and line', () => {
    // Act
    const offences = offencesOf(join(FIXTURES, 'syntax-error'));

    // Assess
    expect(offences).toEqual([
      'syntax-error/main.bicep:6 syntax: cannot parse "location \'westeurope\'"',
      'syntax-error/main.bicep:12 syntax: cannot parse ")"',
    ]);
  });

  it('reports a module whose path does not exist and skips registry modules', () => {
    // Act
    const offences = offencesOf(join(FIXTURES, 'missing-module'));

    // Assess
    expect(offences).toEqual([
      "missing-module/main.bicep:2 module storage: path 'modules/storage.bicep' does not exist",
    ]);
  });

  it('reports a param the module does not declare and a required param the caller omits', () => {
    // Act
    const offences = offencesOf(join(FIXTURES, 'module-params'));

    // Assess: optional (defaulted or nullable) params may be omitted; the conditional call is fine.
    expect(offences).toEqual([
      "module-params/main.bicep:9 module app: passes 'colour', which modules/app.bicep does not declare as a param",
      "module-params/main.bicep:5 module app: does not pass 'name', a param of modules/app.bicep without default",
    ]);
  });

  it('reports an extension alias that bicepconfig.json does not register', () => {
    // Act
    const offences = offencesOf(join(FIXTURES, 'unregistered-extension'));

    // Assess
    expect(offences).toEqual([
      'unregistered-extension/main.bicep:3 extension \'microsoftGraphBeta\' is not registered under "extensions" in bicepconfig.json',
    ]);
  });

  it('reports a missing setting, a plain-text secret, a drifted default and a Flex-forbidden setting', () => {
    // Prepare: a small settings list in the shape of src/config.ts SETTINGS.
    const settings: SettingSpec[] = [
      { name: 'TENANT_ID', description: '', requiredInAzure: true, secret: false },
      { name: 'LOOKBACK_HOURS', description: '', default: '24', requiredInAzure: false, secret: false },
      { name: 'LOG_LEVEL', description: '', default: 'info', requiredInAzure: false, secret: false },
      { name: 'TEAMS_WORKFLOW_URL', description: '', requiredInAzure: false, secret: true },
      { name: 'WEBHOOK_SECRET', description: '', requiredInAzure: false, secret: true },
    ];

    // Act
    const offences = offencesOf(join(FIXTURES, 'app-settings'), settings);

    // Assess
    expect(offences).toEqual([
      'app-settings/main.bicep:16 app settings do not set TENANT_ID (required in Azure)',
      "app-settings/main.bicep:9 LOG_LEVEL is 'debug' but src/config.ts documents 'info'",
      "app-settings/main.bicep:21 WEBHOOK_SECRET is a secret: set it to a Key Vault reference or ''",
      'app-settings/main.bicep:22 FUNCTIONS_WORKER_RUNTIME must not be set',
    ]);
  });

  it.each(SETTINGS.map((s) => s.name))('fails when the app settings leave out %s', (name) => {
    // Prepare: app settings with every SETTINGS name but one, each at its default or empty.
    const dir = mkdtempSync(join(tmpdir(), 'tapwatch-bicep-'));
    scratch.push(dir);
    mkdirSync(join(dir, 'modules'));
    const lines = SETTINGS.filter((s) => s.name !== name).map((s) => `    ${s.name}: '${s.default ?? ''}'`);
    writeFileSync(
      join(dir, 'modules', 'app.bicep'),
      [
        "resource app 'Microsoft.Web/sites@2024-04-01' existing = {",
        "  name: 'func'",
        '}',
        "resource settings 'Microsoft.Web/sites/config@2024-04-01' = {",
        '  parent: app',
        "  name: 'appsettings'",
        '  properties: {',
        ...lines,
        '  }',
        '}',
        '',
      ].join('\n'),
    );

    // Act
    const offences = checkInfra(parser, dir, SETTINGS);

    // Assess
    expect(offences.map((o) => o.message)).toEqual([
      expect.stringMatching(`^app settings do not set ${name}\\b`),
    ]);
  });
});
