import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileVectorCache } from '../../../src/adapters/state/file-vector-cache.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vectors-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const key = (n: number) => n.toString(16).padStart(64, '0');
const vector = (...xs: number[]) => Float32Array.from(xs);

describe('the file vector cache', () => {
  it('reads back what an earlier process wrote, exactly', async () => {
    const first = createFileVectorCache(dir);
    await first.put(
      new Map([
        [key(1), vector(0.5, -0.25, 1)],
        [key(2), vector(3)],
      ]),
    );
    await first.put(new Map([[key(3), vector(0.125, 0)]]));
    const second = createFileVectorCache(dir);
    const found = await second.get([key(1), key(2), key(3), key(4)]);
    expect([...found.keys()]).toEqual([key(1), key(2), key(3)]);
    expect(found.get(key(1))).toEqual(vector(0.5, -0.25, 1));
    expect(found.get(key(3))).toEqual(vector(0.125, 0));
  });

  it('ignores a record cut short by a crash, warns, and writes over it', async () => {
    const first = createFileVectorCache(dir);
    await first.put(new Map([[key(1), vector(1, 2)]]));
    await appendFile(first.file, Buffer.from(key(9), 'hex').subarray(0, 20));
    const logger = createRecordingLogger();
    const second = createFileVectorCache(dir, logger);
    expect((await second.get([key(1)])).get(key(1))).toEqual(vector(1, 2));
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
    await second.put(new Map([[key(2), vector(5)]]));
    const third = createFileVectorCache(dir);
    expect([...(await third.get([key(1), key(2)])).keys()]).toEqual([key(1), key(2)]);
  });

  it('drops vectors of passages that are gone once they make up half the file', async () => {
    const cache = createFileVectorCache(dir);
    await cache.put(new Map([1, 2, 3, 4].map((n) => [key(n), vector(n, n, n)])));
    const before = (await stat(cache.file)).size;
    await cache.retain(new Set([key(1), key(2), key(3)]));
    expect((await stat(cache.file)).size).toBe(before);
    await cache.retain(new Set([key(1)]));
    expect((await stat(cache.file)).size).toBe(before / 4);
    expect([...(await createFileVectorCache(dir).get([key(1), key(2)])).keys()]).toEqual([key(1)]);
  });

  it('refuses a key that is not a content hash', async () => {
    await expect(createFileVectorCache(dir).put(new Map([['passage-1', vector(1)]]))).rejects.toThrow(
      /sha256 hex/,
    );
  });
});
