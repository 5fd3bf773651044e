// Part of `npm run build` (and so of `npm ci` and the Docker build): writes
// dist/pglite-template.tar.gz, the embedded database with every migration
// applied, so a fresh install's first start loads it instead of running
// initdb and the whole migration history. Offline: PGlite and the schema
// engine are WebAssembly in node_modules. Plain JS on the compiled code, so
// it needs neither tsx nor TypeScript at run time.
//
// Skipped when the template on disk was built from the same migrations, the
// same PGlite and the same compiled database code (a key file beside it):
// `npm test` builds again right after `npm ci` did, and it takes seconds.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPgliteTemplatePath } from '../dist/src/adapters/db/open-pglite-folder.js';
import { buildPgliteTemplate } from '../dist/src/adapters/db/pglite-template.js';
import { templateKey } from './template-key.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = defaultPgliteTemplatePath();
const keyFile = `${out}.key`;

const key = templateKey(root);
if (existsSync(out) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
  console.log(`${out} is up to date`);
  process.exit(0);
}
const started = performance.now();
const { applied, bytes } = await buildPgliteTemplate(out);
writeFileSync(keyFile, key);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${out}: ${applied.length} migrations, ${Math.round(bytes / 1024)} KiB, ${seconds} s`);
// The schema engine keeps timers alive.
process.exit(0);
