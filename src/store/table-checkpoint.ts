import type { TableClient } from '@azure/data-tables';
import { StoreError } from '../errors';
import { mergeCheckpoint } from './checkpoint-merge';
import { asciiJson } from './finding-entity';
import { escapeKey } from './keys';
import type { Checkpoint } from './store';
import { conditionalWrite, readOrUndefined } from './table-errors';

const ROW_KEY = 'poll';
/** Table string properties hold 32K UTF-16 units; a larger summary is replaced by a marker. */
const MAX_SUMMARY_CHARS = 32_000;
/** Write races lost in a row before giving up; each loss means another run advanced the row meanwhile. */
const MAX_ATTEMPTS = 8;

type Entity = Record<string, unknown> & { etag: string };

/**
 * The checkpoint row per tenant (RowKey `poll`). `put` advances it and never moves it back: it reads the
 * row, merges (`mergeCheckpoint`) and writes only if the row is unchanged since that read (ETag, or
 * insert-if-absent), re-reading after a 409/412. Concurrent runs therefore never fail because of each
 * other, and the later window end always survives.
 */
export class CheckpointTable {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  async get(tenantId: string): Promise<Checkpoint | undefined> {
    const entity = await this.read(tenantId);
    return entity ? fromEntity(tenantId, entity) : undefined;
  }

  async put(checkpoint: Checkpoint): Promise<void> {
    const { tenantId } = checkpoint;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(tenantId);
      const merged = mergeCheckpoint(current ? fromEntity(tenantId, current) : undefined, checkpoint);
      const entity = toEntity(merged);
      const written = await conditionalWrite(this.name, current ? 'updateEntity' : 'createEntity', () =>
        current
          ? this.client.updateEntity(entity, 'Replace', { etag: current.etag })
          : this.client.createEntity(entity),
      );
      if (written) return;
    }
    throw new StoreError(
      `${this.name}: checkpoint of tenant ${tenantId} lost ${MAX_ATTEMPTS} write races in a row`,
    );
  }

  private read(tenantId: string): Promise<Entity | undefined> {
    return readOrUndefined(this.name, 'getEntity', () =>
      this.client.getEntity<Entity>(escapeKey(tenantId), ROW_KEY),
    );
  }
}

function toEntity(
  checkpoint: Checkpoint,
): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const summary = checkpoint.summary ? asciiJson(checkpoint.summary) : '';
  return {
    partitionKey: escapeKey(checkpoint.tenantId),
    rowKey: ROW_KEY,
    lastSuccessAt: checkpoint.lastSuccessAt,
    windowEnd: checkpoint.windowEnd,
    status: checkpoint.status,
    summary: summary.length > MAX_SUMMARY_CHARS ? JSON.stringify({ truncated: true }) : summary,
    tiers: checkpoint.tiers ? JSON.stringify(checkpoint.tiers) : '',
  };
}

function fromEntity(tenantId: string, entity: Entity): Checkpoint {
  const checkpoint: Checkpoint = {
    tenantId,
    lastSuccessAt: String(entity.lastSuccessAt),
    windowEnd: String(entity.windowEnd),
    status: entity.status === 'partial' ? 'partial' : 'ok',
  };
  const summary = parseObject(entity.summary);
  if (summary) checkpoint.summary = summary;
  else if (typeof entity.summary === 'string' && entity.summary) checkpoint.summary = { unreadable: true };
  const tiers = parseObject(entity.tiers);
  if (tiers) {
    checkpoint.tiers = Object.fromEntries(
      Object.entries(tiers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }
  return checkpoint;
}

function parseObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
