import { runDigestSendBench } from './digest-send.js';
import { runDigestZonesBench } from './digest-zones.js';
import { runHybridRetrievalBench } from './hybrid-retrieval.js';
import { runPracticeBench } from './practice.js';
import { runPromptBench } from './prompt.js';
import { readPreviousRun, saveRun, summaryTable } from './report.js';
import { runRetrievalBench } from './retrieval.js';
import { runSlackBench } from './slack.js';
import { runStartupBench } from './startup.js';
import type { BenchResult } from './stats.js';
import { runWebBench } from './web.js';

/**
 * `npm run bench`: every benchmark. Each result's figures are printed as it
 * comes; at the end a table puts every figure beside its anchor or floor
 * from the same run (and the previous saved run's figure), and the run is
 * saved as bench/results/<timestamp>.json and bench/results/latest.json.
 * Pass names to run a subset: `npm run bench -- retrieval startup`.
 */
const suites: Record<string, () => Promise<BenchResult[]>> = {
  retrieval: runRetrievalBench,
  hybrid: runHybridRetrievalBench,
  prompt: runPromptBench,
  startup: runStartupBench,
  slack: runSlackBench,
  web: runWebBench,
  digest: () => runDigestSendBench(),
  'digest-zones': () => runDigestZonesBench(),
  practice: runPracticeBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
const resultsDir = new URL('./results/', import.meta.url);
const previous = readPreviousRun(resultsDir);
const results: BenchResult[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  for (const result of await run()) {
    results.push(result);
    const { name: title, misses, falseAccepts, ...figures } = result;
    console.log(`\n${title}`);
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(20)} ${String(value)}`);
    for (const line of [...((misses as string[]) ?? []), ...((falseAccepts as string[]) ?? [])])
      console.log(`    ${line}`);
  }
}
console.log(`\n${summaryTable(results, previous)}\n`);
const file = saveRun(resultsDir, { at: new Date().toISOString(), node: process.version, results });
console.log(`saved ${new URL(file).pathname} (and latest.json)`);
process.exit(0);
