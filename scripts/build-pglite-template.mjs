// Part of `npm run build` (and so of `npm ci` and the Docker build): writes
// dist/pglite-template.tar.gz, the embedded database with every migration
// applied, so a fresh install's first start loads it instead of running
// initdb and the whole migration history. Offline: PGlite and the schema
// engine are WebAssembly in node_modules. Plain JS on the compiled code, so
// it needs neither tsx nor TypeScript at run time.
import { defaultPgliteTemplatePath } from '../dist/src/adapters/db/open-pglite-folder.js';
import { buildPgliteTemplate } from '../dist/src/adapters/db/pglite-template.js';

const out = defaultPgliteTemplatePath();
const started = performance.now();
const { applied, bytes } = await buildPgliteTemplate(out);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${out}: ${applied.length} migrations, ${Math.round(bytes / 1024)} KiB, ${seconds} s`);
// The schema engine keeps timers alive.
process.exit(0);
