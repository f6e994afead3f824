import { open } from 'node:fs/promises';

/** Read size for files: 1 MB chunks with two reads ahead measured fastest (see bench/results.md, scan). */
export const FILE_CHUNK_BYTES = 1024 * 1024;
const READS_AHEAD = 2;

/**
 * The bytes of a regular file (or of `range` of it), a chunk at a time, with the next reads already under way while the
 * caller works on the current chunk. The chunk buffers are reused: a chunk is valid only until the next
 * one is asked for, so a consumer copies whatever it keeps (the readers in this folder do). A fresh
 * buffer per chunk, as a file stream allocates, costs more than the reading itself: every new page is
 * faulted in by the kernel's copy and later collected.
 */
export async function* fileChunks(
  path: string,
  chunkBytes = FILE_CHUNK_BYTES,
  range: { start: number; end: number } = { start: 0, end: Number.POSITIVE_INFINITY },
): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const ring = Array.from({ length: READS_AHEAD + 1 }, () => Buffer.allocUnsafe(chunkBytes));
  let pending: { at: number; length: number; read: Promise<Buffer> }[] = [];
  let next = 0;
  let position = range.start;
  const issue = (): void => {
    const buffer = ring[next++ % ring.length] as Buffer;
    const at = position;
    const length = Math.max(0, Math.min(chunkBytes, range.end - at));
    position += length;
    const read =
      length === 0
        ? Promise.resolve(buffer.subarray(0, 0))
        : file.read(buffer, 0, length, at).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
    pending.push({ at, length, read });
  };
  try {
    for (let k = 0; k < READS_AHEAD; k++) issue();
    for (;;) {
      const { at, length, read } = pending.shift() as (typeof pending)[number];
      const chunk = await read;
      if (chunk.length === 0) return;
      if (chunk.length < length) {
        // A short read: the end of the file, or a file still being written. The reads ahead assumed a
        // full chunk, so they are dropped and reading goes on from where this chunk really ends.
        await Promise.allSettled(pending.map((p) => p.read));
        pending = [];
        position = at + chunk.length;
        yield chunk;
        for (let k = 0; k < READS_AHEAD; k++) issue();
        continue;
      }
      issue();
      yield chunk;
    }
  } finally {
    // Reads still under way write into the ring: let them finish before the file is closed.
    await Promise.allSettled(pending.map((p) => p.read));
    await file.close();
  }
}
