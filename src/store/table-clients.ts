import type { TokenCredential } from '@azure/core-auth';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { ConfigError, StoreError } from '../errors';
import { statusOf, tableCall } from './table-errors';

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

/** The four tables, plus the count of HTTP requests every client has sent (retries included). */
export interface TableSet {
  findings: TableClient;
  alertlog: TableClient;
  checkpoint: TableClient;
  /** The open-TAP index (DESIGN §7). */
  opentaps: TableClient;
  /** Table names with the prefix, for error messages. */
  names: { findings: string; alertlog: string; checkpoint: string; opentaps: string };
  requests(): number;
}

/**
 * Opens the clients and creates the tables when missing (an existing table is fine). Retries are bounded
 * so a storage outage fails a cycle in seconds rather than stalling it for minutes.
 */
export async function openTables(options: TableStoreOptions): Promise<TableSet> {
  const prefix = options.tablePrefix ?? '';
  if (!/^([A-Za-z][A-Za-z0-9]{0,19})?$/.test(prefix)) {
    throw new ConfigError('TABLE_PREFIX', 'expected up to 20 letters and digits, starting with a letter');
  }
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
  const names = {
    findings: `${prefix}findings`,
    alertlog: `${prefix}alertlog`,
    checkpoint: `${prefix}checkpoint`,
    opentaps: `${prefix}opentaps`,
  };
  const open = (name: string): TableClient => client(options, name, clientOptions);
  const set: TableSet = {
    findings: open(names.findings),
    alertlog: open(names.alertlog),
    checkpoint: open(names.checkpoint),
    opentaps: open(names.opentaps),
    names,
    requests: () => requests,
  };
  for (const table of [set.findings, set.alertlog, set.checkpoint, set.opentaps]) {
    // A reader with a data-only role (e.g. Storage Table Data Reader) may not create tables: the tables
    // the deployment made are used as they are, and a missing one fails clearly on first use.
    await tableCall(table.tableName, 'createTable', () =>
      table.createTable().catch((error: unknown) => {
        if (statusOf(error) !== 403) throw error;
      }),
    );
  }
  return set;
}

function client(
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
