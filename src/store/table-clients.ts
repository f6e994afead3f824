import type { TokenCredential } from '@azure/core-auth';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { Config } from '../config';
import { ConfigError, StoreError } from '../errors';
import { statusOf, tableCall, tableLabel } from './table-errors';
import { tableNames, tablePrefixProblem } from './table-names';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** How to reach the account: a connection string locally, endpoint + credential in Azure. */
export interface TableStoreOptions {
  connectionString?: string;
  endpoint?: string;
  credential?: TokenCredential;
  /** Prepended to every table name, so several deployments can share one account. */
  tablePrefix?: string;
  /** Plain http to the endpoint (Azurite); connection strings for 127.0.0.1 and dev storage imply it. */
  allowInsecureConnection?: boolean;
}

type TableSettings = Pick<Config, 'tablesEndpoint' | 'storageConnectionString' | 'tablePrefix'>;

/**
 * How a deployment reaches its Table account: TABLES_ENDPOINT with an Entra credential (the endpoint
 * wins when both are set, so a leftover development connection string can never redirect a deployed
 * app), else the connection string; undefined when neither is set.
 */
export function tableOptionsOf(
  config: TableSettings,
  credential: () => TokenCredential,
): TableStoreOptions | undefined {
  if (config.tablesEndpoint)
    return { endpoint: config.tablesEndpoint, credential: credential(), tablePrefix: config.tablePrefix };
  if (config.storageConnectionString)
    return { connectionString: config.storageConnectionString, tablePrefix: config.tablePrefix };
  return undefined;
}

/** The same, for what must reach the account. @throws ConfigError when neither way is set. */
export function requireTableOptions(
  config: TableSettings,
  credential: () => TokenCredential,
): TableStoreOptions {
  const options = tableOptionsOf(config, credential);
  if (options) return options;
  throw new ConfigError(
    'TABLES_ENDPOINT',
    'or STORAGE_CONNECTION_STRING (AzureWebJobsStorage) is required to reach Table storage',
  );
}

/** The store's tables, plus the count of HTTP requests every client has sent (retries included). */
export interface TableSet {
  findings: TableClient;
  alertlog: TableClient;
  checkpoint: TableClient;
  /** The open-TAP index (docs/architecture.md). */
  opentaps: TableClient;
  /** Recent method deletions (method-deletions.ts). */
  deletions: TableClient;
  /** Each table as errors name it: endpoint (never a SAS query) and prefixed table name. */
  names: { findings: string; alertlog: string; checkpoint: string; opentaps: string; deletions: string };
  requests(): number;
}

/**
 * Opens the clients and creates the tables when missing (an existing table is fine). Retries are bounded
 * so a storage outage fails a cycle in seconds rather than stalling it for minutes.
 */
export async function openTables(options: TableStoreOptions): Promise<TableSet> {
  const prefix = options.tablePrefix ?? '';
  const problem = tablePrefixProblem(prefix);
  if (problem) throw new ConfigError('TABLE_PREFIX', problem);
  let requests = 0;
  const counter: PipelinePolicy = {
    name: 'tapwatchRequestCounter',
    sendRequest: (request, next) => {
      requests += 1;
      return next(request);
    },
  };
  const clientOptions: TableServiceClientOptions = {
    additionalPolicies: [{ policy: counter, position: 'perRetry' }],
    retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 4000 },
  };
  const names = tableNames(prefix);
  const open = (name: string): TableClient => tableClient(options, name, clientOptions);
  const findings = open(names.findings);
  const alertlog = open(names.alertlog);
  const checkpoint = open(names.checkpoint);
  const opentaps = open(names.opentaps);
  const deletions = open(names.deletions);
  const set: TableSet = {
    findings,
    alertlog,
    checkpoint,
    opentaps,
    deletions,
    names: {
      findings: tableLabel(findings.url, names.findings),
      alertlog: tableLabel(alertlog.url, names.alertlog),
      checkpoint: tableLabel(checkpoint.url, names.checkpoint),
      opentaps: tableLabel(opentaps.url, names.opentaps),
      deletions: tableLabel(deletions.url, names.deletions),
    },
    requests: () => requests,
  };
  for (const table of [set.findings, set.alertlog, set.checkpoint, set.opentaps, set.deletions]) {
    // A reader with a data-only role (e.g. Storage Table Data Reader) may not create tables: the tables
    // the deployment made are used as they are, and a missing one fails clearly on first use.
    await tableCall(tableLabel(table.url, table.tableName), 'createTable', () =>
      table.createTable().catch((error: unknown) => {
        if (statusOf(error) !== 403) throw error;
      }),
    );
  }
  return set;
}

/** One table's client over the same connection rules as the store (other tables, e.g. `tenants`, use it too). */
export function tableClient(
  options: TableStoreOptions,
  name: string,
  clientOptions: TableServiceClientOptions,
): TableClient {
  if (options.connectionString) {
    const local = /TableEndpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(options.connectionString);
    try {
      return TableClient.fromConnectionString(options.connectionString, name, {
        ...clientOptions,
        allowInsecureConnection: options.allowInsecureConnection ?? local,
      });
    } catch {
      // The SDK's parse errors are generic, but the string itself must never be echoed.
      throw new StoreError(
        'the storage connection string could not be parsed (value not shown: it is a secret)',
      );
    }
  }
  if (options.endpoint && options.credential) {
    return new TableClient(options.endpoint, name, options.credential, {
      ...clientOptions,
      allowInsecureConnection: options.allowInsecureConnection ?? false,
    });
  }
  throw new StoreError('a Table store needs a connection string, or an endpoint and a credential');
}
