import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

it('the Docker build copies every script module that the build scripts it copies import', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  // `COPY a b ./scripts/`: every source of a COPY whose destination is the scripts folder.
  const copied = dockerfile
    .split('\n')
    .filter((line) => /^COPY\s/.test(line) && /\s\.\/scripts\/\s*$/.test(line))
    .flatMap((line) => line.trim().split(/\s+/).slice(1, -1));
  expect(copied).toContain('scripts/build-pglite-template.mjs');
  for (const script of copied) {
    const source = readFileSync(path.join(ROOT, script), 'utf8');
    for (const [, imported] of source.matchAll(/from '\.\/([^']+)'/g)) {
      expect(copied, `${script} imports ./${imported}, which the Dockerfile does not copy`).toContain(
        `scripts/${imported}`,
      );
    }
  }
});
