import { mkdirSync } from 'node:fs';
import { appendFile, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../core/ports.js';
import type { VectorCache } from '../../core/retrieval/embedding-ports.js';

/** Bytes of the sha256 key at the start of every record. */
const KEY_BYTES = 32;

/** Rewrites the file once this share of its records belongs to passages that no longer exist. */
const COMPACT_WHEN_DEAD = 0.5;

function encode(key: string, vector: Float32Array): Buffer {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`vector cache keys are sha256 hex, got "${key}"`);
  const record = Buffer.alloc(KEY_BYTES + 4 + vector.length * 4);
  record.write(key, 0, 'hex');
  record.writeUInt32LE(vector.length, KEY_BYTES);
  for (let i = 0; i < vector.length; i++) record.writeFloatLE(vector[i]!, KEY_BYTES + 4 + i * 4);
  return record;
}

/**
 * Passage vectors in one append-only file, `<dir>/vectors.bin`: each record is
 * a 32-byte content hash, a 4-byte length and the floats. A restart reads it
 * back, so an unchanged library is not embedded again. A record cut short by
 * a crash is ignored and overwritten; records of passages that no longer
 * exist are dropped when they make up half the file. One process per
 * DATA_DIR, as with the embedded database.
 */
export function createFileVectorCache(
  dir: string,
  logger?: Logger,
): Required<VectorCache> & { readonly file: string } {
  const file = path.join(dir, 'vectors.bin');
  let vectors: Map<string, Float32Array> | null = null;
  /** Records in the file, live or dead, and how many bytes of it are whole records. */
  let recordsInFile = 0;
  let validBytes = 0;
  let fileBytes = 0;

  async function load(): Promise<Map<string, Float32Array>> {
    if (vectors) return vectors;
    vectors = new Map();
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      data = Buffer.alloc(0);
    }
    let offset = 0;
    while (offset + KEY_BYTES + 4 <= data.length) {
      const length = data.readUInt32LE(offset + KEY_BYTES);
      const end = offset + KEY_BYTES + 4 + length * 4;
      if (end > data.length) break;
      const vector = new Float32Array(length);
      for (let i = 0; i < length; i++) vector[i] = data.readFloatLE(offset + KEY_BYTES + 4 + i * 4);
      vectors.set(data.toString('hex', offset, offset + KEY_BYTES), vector);
      recordsInFile += 1;
      offset = end;
    }
    validBytes = offset;
    fileBytes = data.length;
    if (validBytes < fileBytes)
      logger?.warn(
        'the vector cache ends in a cut-off record (an interrupted write); it will be overwritten',
        {
          file,
        },
      );
    return vectors;
  }

  async function rewrite(live: Map<string, Float32Array>): Promise<void> {
    const temp = `${file}.tmp`;
    await writeFile(temp, Buffer.concat([...live].map(([key, vector]) => encode(key, vector))));
    await rename(temp, file);
    recordsInFile = live.size;
    validBytes = fileBytes = (await stat(file)).size;
  }

  return {
    file,
    async get(keys) {
      const all = await load();
      const found = new Map<string, Float32Array>();
      for (const key of keys) {
        const vector = all.get(key);
        if (vector) found.set(key, vector);
      }
      return found;
    },
    async put(entries) {
      const all = await load();
      if (entries.size === 0) return;
      mkdirSync(dir, { recursive: true });
      if (validBytes < fileBytes) {
        await truncate(file, validBytes);
        fileBytes = validBytes;
      }
      const data = Buffer.concat([...entries].map(([key, vector]) => encode(key, vector)));
      await appendFile(file, data);
      validBytes += data.length;
      fileBytes += data.length;
      recordsInFile += entries.size;
      for (const [key, vector] of entries) all.set(key, vector);
    },
    async retain(live) {
      const all = await load();
      for (const key of all.keys()) if (!live.has(key)) all.delete(key);
      if (recordsInFile > 0 && (recordsInFile - all.size) / recordsInFile >= COMPACT_WHEN_DEAD) {
        mkdirSync(dir, { recursive: true });
        await rewrite(all);
      }
    },
  };
}
