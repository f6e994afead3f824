import { Readable } from 'node:stream';
import { normalize } from '../../../src/audit/normalize';
import { type ReadStats, readAuditRecords } from '../../../src/audit/read-records';
import { fixtureRecords } from './fixture';

const RECORDS = 100_000;
const TAP_EVERY = 100;

/** Compact records: one TAP creation in every hundred, benign Authentication Methods traffic between. */
function* records(): Generator<string> {
  const [tap] = fixtureRecords('tap-variants.graph.json');
  const quiet = fixtureRecords('quiet.graph.json');
  for (let i = 0; i < RECORDS; i++) {
    const template = i % TAP_EVERY === 0 ? tap : quiet[i % quiet.length];
    yield JSON.stringify({ ...template, id: `Authentication Methods_${i}` });
  }
}

/** Groups text into ~64 KB strings, as a file stream would deliver it, without building the whole input. */
function* batches(parts: Iterable<string>): Generator<string> {
  let batch = '';
  for (const part of parts) {
    batch += part;
    if (batch.length > 65_536) {
      yield batch;
      batch = '';
    }
  }
  yield batch;
}

async function countEvents(input: Readable): Promise<{ events: number; stats: ReadStats }> {
  const stats = { records: 0 };
  let events = 0;
  for await (const item of readAuditRecords(input, 'generated', stats)) {
    if (item.kind === 'record') events += normalize(item.record).length;
  }
  return { events, stats };
}

describe('readAuditRecords() over large generated input', () => {
  it('streams 100k JSON Lines records and finds every TAP creation', async () => {
    // Prepare
    const input = Readable.from(
      batches(
        (function* () {
          for (const r of records()) yield `${r}\n`;
        })(),
      ),
    );

    // Act
    const { events, stats } = await countEvents(input);

    // Assess
    expect(stats.records).toBe(RECORDS);
    expect(events).toBe(RECORDS / TAP_EVERY);
  });

  it('streams a 100k-record {value:[…]} page and finds every TAP creation', async () => {
    // Prepare
    const input = Readable.from(
      batches(
        (function* () {
          yield '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits","value":[\n';
          let first = true;
          for (const r of records()) {
            yield `${first ? '' : ',\n'}${r}`;
            first = false;
          }
          yield '\n]}\n';
        })(),
      ),
    );

    // Act
    const { events, stats } = await countEvents(input);

    // Assess
    expect(stats.records).toBe(RECORDS);
    expect(events).toBe(RECORDS / TAP_EVERY);
  });
});
