import { mkdirSync, writeFileSync } from 'node:fs';
import { runDigestSendBench } from './digest-send.js';
import { runHybridRetrievalBench } from './hybrid-retrieval.js';
import { runPracticeBench } from './practice.js';
import { runPromptBench } from './prompt.js';
import { runRetrievalBench } from './retrieval.js';
import { runSlackBench } from './slack.js';
import { runStartupBench } from './startup.js';
import type { BenchResult } from './stats.js';
import { runWebBench } from './web.js';

/**
 * `npm run bench`: every benchmark, printed and saved to bench/results/latest.json.
 * Pass names to run a subset: `npm run bench -- retrieval`.
 */
const suites: Record<string, () => Promise<BenchResult[]>> = {
  retrieval: runRetrievalBench,
  hybrid: runHybridRetrievalBench,
  prompt: runPromptBench,
  startup: runStartupBench,
  slack: runSlackBench,
  web: runWebBench,
  digest: () => runDigestSendBench(),
  practice: runPracticeBench,
};

const wanted = process.argv.slice(2);
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
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2),
);
process.exit(0);
