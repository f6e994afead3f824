import type { Config } from '../config';
import { createAzureCredential } from '../credential';
import type { FindingStore } from './store';
import { AlertLogTable } from './table-alertlog';
import { CheckpointTable } from './table-checkpoint';
import { openTables, requireTableOptions, type TableStoreOptions } from './table-clients';
import { FindingsTable } from './table-findings';
import { HealthTable } from './table-health';
import { MethodDeletionsTable } from './table-method-deletions';
import { OpenTapsTable } from './table-open-taps';
import { queryTable } from './table-query';
import { TenantLeaseTable } from './table-tenant-lease';

export type { TableStoreOptions } from './table-clients';

/**
 * The Azure Table Storage store (docs/architecture.md): tables `findings`, `alertlog`, `checkpoint` (which also
 * holds each tenant's health row), `opentaps` (the open-TAP index) and `deletions` (recent method
 * deletions), prefixed with
 * `tablePrefix`, created when missing. `operationCount()` counts HTTP requests, retries included.
 */
export async function createTableStore(options: TableStoreOptions): Promise<FindingStore> {
  const tables = await openTables(options);
  const findings = new FindingsTable(tables.findings, tables.names.findings);
  const alertlog = new AlertLogTable(tables.alertlog, tables.names.alertlog);
  const checkpoint = new CheckpointTable(tables.checkpoint, tables.names.checkpoint);
  const lease = new TenantLeaseTable(tables.checkpoint, tables.names.checkpoint);
  const openTaps = new OpenTapsTable(tables.opentaps, tables.names.opentaps);
  const health = new HealthTable(tables.checkpoint, tables.names.checkpoint);
  const deletions = new MethodDeletionsTable(tables.deletions, tables.names.deletions);
  return {
    saveFinding: async (finding, initialStatus, marks) => {
      const result = await findings.save(finding, initialStatus);
      // Every save that inserts or changes a finding keeps its open-TAP row current (docs/architecture.md).
      if (result.outcome !== 'unchanged') await openTaps.put(finding.tenantId, result.stored, marks);
      return result;
    },
    getFinding: (tenantId, id) => findings.get(tenantId, id),
    claimAlert: (request) => alertlog.claim(request),
    releaseAlert: (key, owner, now) => alertlog.release(key, owner, now),
    recordDeliveries: (update) => findings.recordDeliveries(update),
    listPending: (tenantId, since) => findings.listPending(tenantId, since),
    queryFindings: (query) => queryTable(tables.findings, tables.names.findings, query),
    getCheckpoint: (tenantId) => checkpoint.get(tenantId),
    putCheckpoint: (value) => checkpoint.put(value),
    acquireTenantLease: (request) => lease.acquire(request),
    releaseTenantLease: (tenantId, owner, now) => lease.release(tenantId, owner, now),
    getTenantLease: (tenantId) => lease.get(tenantId),
    getHealth: (tenantId) => health.get(tenantId),
    putHealth: (value) => health.put(value),
    deleteFindingsBefore: async (tenantId, cutoff) => ({
      ...(await findings.deleteBefore(tenantId, cutoff)),
      alertClaims: await alertlog.deleteBefore(tenantId, cutoff),
    }),
    listOpenTaps: (tenantId, now) => openTaps.listOpen(tenantId, now),
    putOpenTap: (tenantId, stored, marks) => openTaps.put(tenantId, stored, marks),
    setDeletionsPending: (tenantId, ref, pending) => openTaps.setDeletionsPending(tenantId, ref, pending),
    deleteExpiredOpenTaps: (tenantId, now) => openTaps.deleteExpired(tenantId, now),
    putMethodDeletions: (tenantId, rows) => deletions.put(tenantId, rows),
    listMethodDeletions: (tenantId, userId, now) => deletions.list(tenantId, userId, now),
    deleteExpiredMethodDeletions: (tenantId, now) => deletions.deleteExpired(tenantId, now),
    operationCount: () => tables.requests(),
  };
}

/**
 * The store a deployment uses. In Azure: TABLES_ENDPOINT with the user-assigned managed identity
 * (AZURE_CLIENT_ID), shared keys being off; from a workstation, the same endpoint with
 * DefaultAzureCredential (`az login` plus a Table data role). Locally: a connection string (STORAGE_CONNECTION_STRING,
 * else AzureWebJobsStorage; `UseDevelopmentStorage=true` for Azurite). The endpoint wins when both are
 * set, so a leftover development connection string can never redirect a deployed app.
 */
export async function createStoreFromConfig(config: Config): Promise<FindingStore> {
  return createTableStore(requireTableOptions(config, () => createAzureCredential(config)));
}
