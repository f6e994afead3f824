import type { FindingStore } from './store';
import { AlertLogTable } from './table-alertlog';
import { CheckpointTable } from './table-checkpoint';
import { openTables, type TableStoreOptions } from './table-clients';
import { FindingsTable } from './table-findings';
import { queryTable } from './table-query';

export type { TableStoreOptions } from './table-clients';

/**
 * The Azure Table Storage store (DESIGN §7): tables `findings`, `alertlog` and `checkpoint`, prefixed with
 * `tablePrefix`, created when missing. `operationCount()` counts HTTP requests, retries included.
 */
export async function createTableStore(options: TableStoreOptions): Promise<FindingStore> {
  const tables = await openTables(options);
  const findings = new FindingsTable(tables.findings, tables.names.findings);
  const alertlog = new AlertLogTable(tables.alertlog, tables.names.alertlog);
  const checkpoint = new CheckpointTable(tables.checkpoint, tables.names.checkpoint);
  return {
    saveFinding: (finding, initialStatus) => findings.save(finding, initialStatus),
    getFinding: (tenantId, id) => findings.get(tenantId, id),
    claimAlert: (request) => alertlog.claim(request),
    releaseAlert: (key, owner, now) => alertlog.release(key, owner, now),
    recordDeliveries: (update) => findings.recordDeliveries(update),
    listPending: (tenantId, since) => findings.listPending(tenantId, since),
    queryFindings: (query) => queryTable(tables.findings, tables.names.findings, query),
    getCheckpoint: (tenantId) => checkpoint.get(tenantId),
    putCheckpoint: (value) => checkpoint.put(value),
    deleteFindingsBefore: (tenantId, cutoff) => findings.deleteBefore(tenantId, cutoff),
    operationCount: () => tables.requests(),
  };
}
