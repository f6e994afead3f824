import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { StoreError } from '../errors';
import { openTables, tableOptionsOf } from '../store/table-clients';
import { TableRequestError, tableCall } from '../store/table-errors';
import { type CheckResult, result } from './check';

/** PartitionKey of probe rows: outside every tenant's key range, deleted right after the read. */
export const PROBE_PARTITION = 'tapwatch-doctor';

/**
 * Opens the tables with the store's own clients (creating missing ones, as the function does), then writes,
 * reads back and deletes one probe row in each of the store's tables (findings, alertlog, checkpoint,
 * opentaps, deletions). The line names the
 * table endpoint (origin and path only: a SAS or account key never shows) and, on failure, the fix for
 * the status Table storage answered.
 */
export async function checkTables(config: Config, credential: () => TokenCredential): Promise<CheckResult> {
  const options = tableOptionsOf(config, credential);
  if (!options) {
    return result(
      'tables',
      'tables',
      'fail',
      'no Table storage is configured',
      'set TABLES_ENDPOINT (with the identity) or STORAGE_CONNECTION_STRING',
    );
  }
  const where = safeEndpoint(
    config.tablesEndpoint ?? connectionStringEndpoint(config.storageConnectionString ?? ''),
  );
  try {
    const tables = await openTables(options);
    const clients = [tables.findings, tables.alertlog, tables.checkpoint, tables.opentaps, tables.deletions];
    for (const client of clients) await roundTrip(client);
    const names = Object.values(tables.names).join(', ');
    return result(
      'tables',
      'tables',
      'pass',
      `${names} at ${where}: probe row written, read back and deleted in each`,
    );
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return result('tables', 'tables', 'fail', `${where}: ${error.message}`, tableFix(error, config));
  }
}

/** Write, read, delete one row; a row left by a failed read is still deleted. */
async function roundTrip(client: TableClient): Promise<void> {
  const rowKey = `probe-${randomBytes(8).toString('hex')}`;
  const name = client.tableName;
  await tableCall(name, 'createEntity (probe)', () =>
    client.createEntity({
      partitionKey: PROBE_PARTITION,
      rowKey,
      note: 'written by tapwatch doctor; safe to delete',
    }),
  );
  try {
    const row = await tableCall(name, 'getEntity (probe)', () => client.getEntity(PROBE_PARTITION, rowKey));
    if (row.rowKey !== rowKey)
      throw new StoreError(`${name}: the probe row read back is not the one written`);
  } finally {
    await tableCall(name, 'deleteEntity (probe)', () => client.deleteEntity(PROBE_PARTITION, rowKey));
  }
}

function tableFix(error: StoreError, config: Config): string {
  const status = error instanceof TableRequestError ? error.status : -1;
  const identity = config.tablesEndpoint
    ? 'the identity (AZURE_CLIENT_ID, or your az login)'
    : 'the connection string';
  if (status === -1) return 'check TABLES_ENDPOINT or STORAGE_CONNECTION_STRING';
  if (status === 0) {
    return 'Table storage did not answer: check the endpoint is right and reachable from here (firewall, private endpoint, DNS)';
  }
  if (status === 401 || status === 403) {
    return `${identity} may not use the tables: grant Storage Table Data Contributor on the storage account (infra/modules/rbac.bicep does it for the app's identity)`;
  }
  if (status === 404)
    return 'a table is missing and could not be created: check TABLE_PREFIX and the account';
  return 'retry; if it persists, check the storage account in the Azure portal';
}

/** The table endpoint a connection string names (parsed by the SDK, without any network call). */
function connectionStringEndpoint(connectionString: string): string {
  try {
    return TableClient.fromConnectionString(connectionString, 'probe', { allowInsecureConnection: true }).url;
  } catch {
    return '';
  }
}

/** Origin and path of an endpoint URL: query strings (SAS tokens) are never shown. */
function safeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'the configured endpoint';
  }
}
