import { odata, type TableClient } from '@azure/data-tables';
import { StoreError } from '../errors';
import { type AlertLogRow, claimExpired, decideClaim, releasedRow } from './claim-decision';
import { alertPartition, alertRowKey } from './keys';
import type { AlertClaimKey, ClaimRequest, ClaimResult } from './store';
import { conditionalWrite, readOrUndefined, tableCall } from './table-errors';

const MAX_ATTEMPTS = 8;

type Entity = AlertLogRow & { etag: string };

/**
 * The alert log: one row per tenant + target + rule set. Every write is conditional (createEntity for a
 * new row, the ETag of the read for an existing one); losing a race re-reads and decides again, so two
 * runs can never both be told `claimed` for the same row state.
 */
export class AlertLogTable {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const { partitionKey, rowKey } = keysOf(request);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(partitionKey, rowKey);
      const step = decideClaim(current && rowOf(current), request);
      if (step.kind === 'answer') return step.result;
      const entity = { partitionKey, rowKey, ...step.row };
      const written =
        step.kind === 'create'
          ? await conditionalWrite(this.name, 'createEntity', () => this.client.createEntity(entity))
          : await conditionalWrite(this.name, 'updateEntity', () =>
              this.client.updateEntity(entity, 'Replace', { etag: current?.etag ?? '' }),
            );
      if (written) return { kind: 'claimed' };
    }
    throw new StoreError(
      `${this.name}: claim for ${request.findingId} lost ${MAX_ATTEMPTS} write races in a row`,
    );
  }

  async release(key: AlertClaimKey, owner: string, now: Date): Promise<void> {
    const { partitionKey, rowKey } = keysOf(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(partitionKey, rowKey);
      const row = releasedRow(current && rowOf(current), owner, now);
      if (!row || !current) return;
      const entity = { partitionKey, rowKey, ...row };
      const etag = current.etag;
      if (
        await conditionalWrite(this.name, 'updateEntity', () =>
          this.client.updateEntity(entity, 'Replace', { etag }),
        )
      ) {
        return;
      }
    }
    throw new StoreError(`${this.name}: release by ${owner} lost ${MAX_ATTEMPTS} write races in a row`);
  }

  /**
   * Deletes the tenant's claims last alerted before `cutoff` whose lease has ended. Each delete carries the
   * ETag it was read with, so a claim renewed in the meantime survives.
   */
  async deleteBefore(tenantId: string, cutoff: Date): Promise<number> {
    // Every key of the tenant starts with `<tenant>_`; '`' is the character after '_', so it bounds them.
    const low = alertPartition(tenantId, '');
    const high = `${low.slice(0, -1)}\``;
    const filter = odata`PartitionKey ge ${low} and PartitionKey lt ${high} and lastAlertedAt lt ${cutoff.toISOString()}`;
    let deleted = 0;
    await tableCall(this.name, 'deleteClaimsBefore', async () => {
      for await (const entity of this.client.listEntities<Entity>({ queryOptions: { filter } })) {
        if (!entity.partitionKey || entity.rowKey === undefined || !claimExpired(rowOf(entity), cutoff))
          continue;
        const { partitionKey, rowKey, etag } = entity;
        const gone = await conditionalWrite(this.name, 'deleteEntity', () =>
          this.client.deleteEntity(partitionKey, rowKey, { etag }),
        );
        if (gone) deleted += 1;
      }
    });
    return deleted;
  }

  private read(partitionKey: string, rowKey: string): Promise<Entity | undefined> {
    return readOrUndefined(this.name, 'getEntity', () => this.client.getEntity<Entity>(partitionKey, rowKey));
  }
}

function keysOf(key: AlertClaimKey): { partitionKey: string; rowKey: string } {
  return { partitionKey: alertPartition(key.tenantId, key.targetId), rowKey: alertRowKey(key) };
}

function rowOf(entity: Entity): AlertLogRow {
  return {
    findingId: String(entity.findingId),
    lastAlertedAt: String(entity.lastAlertedAt),
    leaseOwner: String(entity.leaseOwner ?? ''),
    leaseUntil: String(entity.leaseUntil ?? ''),
  };
}
