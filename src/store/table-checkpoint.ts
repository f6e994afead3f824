import type { TableClient } from '@azure/data-tables';
import { StoreError } from '../errors';
import { asciiJson } from './finding-entity';
import { escapeKey } from './keys';
import type { Checkpoint } from './store';
import { conditionalWrite, readOrUndefined } from './table-errors';

const ROW_KEY = 'poll';
/** Table string properties hold 32K UTF-16 units; a larger summary is replaced by a marker. */
const MAX_SUMMARY_CHARS = 32_000;

type Entity = Record<string, unknown> & { etag: string };

/**
 * The checkpoint row per tenant (RowKey `poll`). Writes are guarded by the ETag this instance last read
 * or wrote: a write by another run in between makes `put` fail with StoreError instead of clobbering it.
 * A `put` without an earlier `get` reads first, so the guard still covers the read-to-write gap.
 */
export class CheckpointTable {
  /** ETag last seen per tenant; null when the row was read and did not exist. */
  private readonly etags = new Map<string, string | null>();

  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  async get(tenantId: string): Promise<Checkpoint | undefined> {
    const entity = await this.read(tenantId);
    this.etags.set(tenantId, entity?.etag ?? null);
    if (!entity) return undefined;
    const checkpoint: Checkpoint = {
      tenantId,
      lastSuccessAt: String(entity.lastSuccessAt),
      windowEnd: String(entity.windowEnd),
      status: entity.status === 'partial' ? 'partial' : 'ok',
    };
    if (typeof entity.summary === 'string' && entity.summary) {
      try {
        checkpoint.summary = JSON.parse(entity.summary) as Record<string, unknown>;
      } catch {
        checkpoint.summary = { unreadable: true };
      }
    }
    return checkpoint;
  }

  async put(checkpoint: Checkpoint): Promise<void> {
    const { tenantId } = checkpoint;
    if (!this.etags.has(tenantId)) this.etags.set(tenantId, (await this.read(tenantId))?.etag ?? null);
    const etag = this.etags.get(tenantId) ?? null;
    const summary = checkpoint.summary ? asciiJson(checkpoint.summary) : '';
    const entity = {
      partitionKey: escapeKey(tenantId),
      rowKey: ROW_KEY,
      lastSuccessAt: checkpoint.lastSuccessAt,
      windowEnd: checkpoint.windowEnd,
      status: checkpoint.status,
      summary: summary.length > MAX_SUMMARY_CHARS ? JSON.stringify({ truncated: true }) : summary,
    };
    let newEtag: string | undefined;
    const written = await conditionalWrite(this.name, etag ? 'updateEntity' : 'createEntity', async () => {
      const response = etag
        ? await this.client.updateEntity(entity, 'Replace', { etag })
        : await this.client.createEntity(entity);
      newEtag = response.etag;
    });
    if (!written) {
      this.etags.delete(tenantId);
      throw new StoreError(
        `${this.name}: checkpoint of tenant ${tenantId} was written by another run since it was read; not overwritten`,
      );
    }
    if (newEtag) this.etags.set(tenantId, newEtag);
    else this.etags.delete(tenantId);
  }

  private read(tenantId: string): Promise<Entity | undefined> {
    return readOrUndefined(this.name, 'getEntity', () =>
      this.client.getEntity<Entity>(escapeKey(tenantId), ROW_KEY),
    );
  }
}
