import { open } from 'node:fs/promises';

/** Read size for files: 1 MB chunks with two reads ahead measured fastest (see bench/results.md, scan). */
export const FILE_CHUNK_BYTES = 1024 * 1024;
const READS_AHEAD = 2;

/**
 * The bytes of a regular file, a chunk at a time, with the next reads already under way while the
 * caller works on the current chunk. The chunk buffers are reused: a chunk is valid only until the next
 * one is asked for, so a consumer copies whatever it keeps (the readers in this folder do). A fresh
 * buffer per chunk, as a file stream allocates, costs more than the reading itself: every new page is
 * faulted in by the kernel's copy and later collected.
 */
export async function* fileChunks(path: string, chunkBytes = FILE_CHUNK_BYTES): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const ring = Array.from({ length: READS_AHEAD + 1 }, () => Buffer.allocUnsafe(chunkBytes));
  let pending: Promise<Buffer>[] = [];
  let next = 0;
  let position = 0;
  const issue = (): void => {
    const buffer = ring[next++ % ring.length] as Buffer;
    const at = position;
    position += chunkBytes;
    pending.push(file.read(buffer, 0, chunkBytes, at).then(({ bytesRead }) => buffer.subarray(0, bytesRead)));
  };
  try {
    for (let k = 0; k < READS_AHEAD; k++) issue();
    for (;;) {
      const chunk = await (pending.shift() as Promise<Buffer>);
      if (chunk.length === 0) return;
      if (chunk.length < chunkBytes) {
        // A short read: the end of the file, or a file still being written. The reads ahead assumed a
        // full chunk, so they are dropped and reading goes on from where this chunk really ends.
        await Promise.allSettled(pending);
        pending = [];
        position -= (READS_AHEAD - 1) * chunkBytes + (chunkBytes - chunk.length);
        yield chunk;
        for (let k = 0; k < READS_AHEAD; k++) issue();
        continue;
      }
      issue();
      yield chunk;
    }
  } finally {
    // Reads still under way write into the ring: let them finish before the file is closed.
    await Promise.allSettled(pending);
    await file.close();
  }
}
