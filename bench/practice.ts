/**
 * Practice: picking the next item for one learner out of many, on the memory
 * store and on embedded PGlite (or BENCH_DATABASE_URL). The library has
 * 100 items (25 concepts × 4); LEARNERS learners have answered a random
 * share of them (0–100 states each), so each pick reads one learner's states,
 * sorts what is due and records the showing.
 *
 * The reminder job then runs over the same learners, every one opted in at a
 * time already past today, with a sender that answers at once: what the
 * database side of a daily run costs (real DMs wait on Slack's and Discord's
 * rate limits instead).
 *
 *   npm run bench -- practice                    (10,000 learners)
 *   BENCH_PRACTICE_LEARNERS=2000 npm run bench -- practice
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Library } from '../src/core/content/types.js';
import { createMemoryPracticeStore } from '../src/core/memory/memory-practice-store.js';
import { pickNextItem } from '../src/core/practice/pick-next-item.js';
import { practiceItems } from '../src/core/practice/practice-items.js';
import { createPracticeService } from '../src/core/practice/practice-service.js';
import type { PracticeStore } from '../src/core/practice/practice-store.js';
import { createReminderJob } from '../src/core/practice/reminders/reminder-job.js';
import type { ReminderStore } from '../src/core/practice/reminders/reminder-store.js';
import { createReviewScheduler } from '../src/core/practice/review-scheduler.js';
import { type BenchResult, percentile } from './stats.js';

const CONCEPTS = 25;
const PER_CONCEPT = 4;
const PICKS = 2000;
/** Picks timed apart before the measured ones, right after the store opens. */
const WARMUP = 500;

function syntheticLibrary(): Library {
  const levels = ['beginner', 'intermediate', 'advanced'] as const;
  const concepts = Array.from({ length: CONCEPTS }, (_, c) => ({
    slug: `concept-${c}`,
    title: `Concept ${c}`,
    difficulty: levels[c % 3]!,
    checkYourself: Array.from({ length: PER_CONCEPT }, (_, i) => ({
      id: `concept-${c}~${String(i).padStart(8, '0')}`,
      question: `Question ${i} about concept ${c}?`,
      choices: ['One', 'Two', 'Three', 'Four'],
      correct: i % 4,
      explanation: 'Because.',
    })),
  }));
  return {
    concepts,
    useCases: [],
    conceptBySlug: new Map(),
    useCaseBySlug: new Map(),
    loadedAt: new Date(),
  } as unknown as Library;
}

/** Seeds states straight into the store, as past answers would have (0–100 items per learner). */
async function seedMemory(store: PracticeStore, library: Library, learners: number, now: Date) {
  const scheduler = createReviewScheduler();
  const items = library.concepts.flatMap((c) => c.checkYourself.map((i) => ({ id: i.id, slug: c.slug })));
  for (let l = 0; l < learners; l++) {
    const count = (l * 37) % (items.length + 1);
    for (let i = 0; i < count; i++) {
      const past = new Date(now.getTime() - ((l + i) % 20) * 86_400_000);
      const card = scheduler.review(scheduler.newCard(past), (l + i) % 5 !== 0, past);
      await store.saveState(
        { learner: `web:${l}`, itemId: items[i]!.id, slug: items[i]!.slug, card, version: 1 },
        0,
      );
    }
  }
}

async function measure(
  store: PracticeStore,
  library: Library,
  learners: number,
  label: string,
): Promise<BenchResult> {
  const service = createPracticeService({
    store,
    scheduler: createReviewScheduler(),
    clock: { now: () => new Date() },
    library: () => library,
    newId: randomUUID,
  });
  // The first picks after the database opens are slower: V8 runs PGlite's WebAssembly on its
  // baseline compiler until the hot functions tier up. They are timed apart (other learners than
  // the measured ones), so the measured picks are the steady state a running service sees.
  const first: number[] = [];
  for (let p = PICKS; p < PICKS + WARMUP; p++) {
    const start = performance.now();
    await service.next(`web:${(p * 7919) % learners}`);
    first.push(performance.now() - start);
  }
  const times: number[] = [];
  // CPU time as well as wall time: wall percentiles grow with the machine's load, CPU per pick does not.
  const cpuStart = process.cpuUsage();
  for (let p = 0; p < PICKS; p++) {
    const learner = `web:${(p * 7919) % learners}`;
    const start = performance.now();
    await service.next(learner);
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  const p99 = Number(percentile(times, 99).toFixed(3));
  return {
    name: `practice: next item, ${learners.toLocaleString('en')} learners × ${CONCEPTS * PER_CONCEPT} items (${label})`,
    value: p99,
    unit: 'ms p99',
    target: '< 5 ms p99',
    met: p99 < 5,
    picks: PICKS,
    p50Ms: Number(percentile(times, 50).toFixed(3)),
    p99Ms: p99,
    cpuMsPerPick: Number(((cpu.user + cpu.system) / 1000 / PICKS).toFixed(3)),
    firstPicks: WARMUP,
    firstPicksP50Ms: Number(percentile(first, 50).toFixed(3)),
    firstPicksP99Ms: Number(percentile(first, 99).toFixed(3)),
  };
}

/** The reminder job over `learners` opted-in learners: the first run sends, the second finds every one claimed. */
async function measureReminders(
  store: ReminderStore,
  library: Library,
  learners: number,
  label: string,
): Promise<BenchResult> {
  let sent = 0;
  const job = createReminderJob({
    store,
    senders: {
      slack: {
        async send() {
          sent += 1;
          return { ok: true };
        },
      },
    },
    clock: { now: () => new Date() },
    library: () => library,
    worker: 'bench',
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      child() {
        return this;
      },
    },
  });
  const first = performance.now();
  const summary = await job.run();
  const firstSeconds = (performance.now() - first) / 1000;
  const second = performance.now();
  const again = await job.run();
  const secondSeconds = (performance.now() - second) / 1000;
  return {
    name: `practice: reminder job, ${learners.toLocaleString('en')} opted-in learners (${label})`,
    optedIn: summary.optedIn,
    sent,
    totalSeconds: Number(firstSeconds.toFixed(2)),
    secondRunSentNothing: again.sent === 0,
    secondRunSeconds: Number(secondSeconds.toFixed(2)),
  };
}

/** The memory store, and the choice alone without any store. */
async function measureMemory(library: Library, learners: number, now: Date): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const memory = createMemoryPracticeStore();
  await seedMemory(memory, library, learners, now);
  results.push(await measure(memory, library, learners, 'memory'));
  // The choice alone, without any store: what the scheduling logic itself costs per pick.
  const items = practiceItems(library);
  const picks: number[] = [];
  for (let p = 0; p < PICKS; p++) {
    const states = await memory.statesOf(`web:${(p * 7919) % learners}`);
    const start = performance.now();
    pickNextItem(items, states, now);
    picks.push(performance.now() - start);
  }
  results.push({
    name: `practice: choosing the next item from a learner's states (pure, ${CONCEPTS * PER_CONCEPT} items)`,
    picks: PICKS,
    p50Ms: Number(percentile(picks, 50).toFixed(3)),
    p99Ms: Number(percentile(picks, 99).toFixed(3)),
  });
  return results;
}

/** Runs the practice benchmark. */
export async function runPracticeBench(): Promise<BenchResult[]> {
  const learners = Number(process.env.BENCH_PRACTICE_LEARNERS ?? 10_000);
  const library = syntheticLibrary();
  const now = new Date();
  const results: BenchResult[] = [];

  results.push(...(await measureMemory(library, learners, now)));
  // The memory store's half a million states would otherwise stay on the heap, and every major
  // collection during the database run below would walk them.
  (globalThis as { gc?: () => void }).gc?.();

  const { openDriverAdapter } = await import('../src/adapters/db/driver-adapter.js');
  const { createDatabaseOn } = await import('../src/adapters/db/create-database.js');
  const { applyMigrations } = await import('../src/adapters/db/migrate.js');
  const { createPrismaPracticeStore } = await import('../src/adapters/db/prisma-practice-store.js');
  const { createPrismaReminderStore } = await import('../src/adapters/db/prisma-reminder-store.js');
  const url = process.env.BENCH_DATABASE_URL;
  const dir = await mkdtemp(path.join(tmpdir(), 'ct-bench-practice-'));
  const handle = await openDriverAdapter(
    url ? { kind: 'postgres', connectionString: url } : { kind: 'pglite', dataDir: path.join(dir, 'pg') },
  );
  const database = createDatabaseOn(handle);
  try {
    await applyMigrations(handle.factory);
    await database.prisma
      .$executeRaw`TRUNCATE "PracticeState", "PracticeShown", "PracticeReminder", "PracticeReminderSent"`;
    const seedStart = performance.now();
    // Learner l has answered items 0 … (l*37 mod 101)-1, as in the memory run; one INSERT … SELECT.
    await database.prisma.$executeRaw`
      INSERT INTO "PracticeState" ("learner","itemId","slug","due","stability","difficulty","elapsedDays","scheduledDays","learningSteps","reps","lapses","state","lastReview","version","updatedAt")
      SELECT 'web:' || l, 'concept-' || (i / 4) || '~' || lpad((i % 4)::text, 8, '0'), 'concept-' || (i / 4),
             now() + ((((l + i) % 20) - 10) || ' days')::interval, 3.0, 5.0, 0, 3, 0, 1, 0, 2, now(), 1, now()
      FROM generate_series(0, ${learners - 1}) AS l, generate_series(0, 99) AS i
      WHERE i < (l * 37) % 101`;
    const seconds = (performance.now() - seedStart) / 1000;
    // What the maintenance module does 10 minutes after start and every 6 hours (PGlite has no
    // autovacuum); a PostgreSQL server's autovacuum would do the same to rows this fresh.
    const maintainStart = performance.now();
    await database.maintain();
    const maintainSeconds = (performance.now() - maintainStart) / 1000;
    const kind = url ? 'PostgreSQL' : 'PGlite';
    // As the app opens it: the pick's read and write straight to the driver (Database.sql).
    const result = await measure(
      createPrismaPracticeStore(database.prisma, database.sql),
      library,
      learners,
      kind,
    );
    results.push({
      ...result,
      seedSeconds: Number(seconds.toFixed(1)),
      vacuumSeconds: Number(maintainSeconds.toFixed(2)),
    });
    // The same statements through Prisma's $queryRawUnsafe, for what the driver path saves.
    const { value, unit, target, met, ...throughPrisma } = await measure(
      createPrismaPracticeStore(database.prisma),
      library,
      learners,
      `${kind}, through Prisma`,
    );
    results.push(throughPrisma);

    // Every learner opts in at 00:00 in one of four zones, starting yesterday: all are due a reminder now.
    await database.prisma.$executeRaw`
      INSERT INTO "PracticeReminder" ("learner","platform","target","minutes","zone","startsOn","updatedAt")
      SELECT 'web:' || l, 'slack', 'U' || l, 0,
             (ARRAY['UTC','Europe/Berlin','America/New_York','Asia/Tokyo'])[1 + l % 4], '2000-01-01', now()
      FROM generate_series(0, ${learners - 1}) AS l`;
    const reminders = await measureReminders(
      createPrismaReminderStore(database.prisma),
      library,
      learners,
      url ? 'PostgreSQL' : 'PGlite',
    );
    results.push(reminders);
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
