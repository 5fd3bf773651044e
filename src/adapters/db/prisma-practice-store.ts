import { pickViewOfColumns } from '../../core/practice/pick-next-item.js';
import type { PracticeStore } from '../../core/practice/practice-store.js';
import type { ItemState, ShownItem } from '../../core/practice/types.js';
import type { PrismaClient } from './generated/client.js';
import { createRawSql, type RawSql } from './raw-sql.js';

/** A learner with no states: array_agg over no rows is one row of nulls. */
const NO_COLUMNS = { itemIds: [], slugs: [], dueMs: [], lastReviewMs: [] } as const;

type StateRow = Awaited<ReturnType<PrismaClient['practiceState']['findMany']>>[number];
type ShownRow = NonNullable<Awaited<ReturnType<PrismaClient['practiceShown']['findUnique']>>>;

/**
 * The {@link PracticeStore} on the `PracticeState` and `PracticeShown` tables,
 * safe with several replicas without locks: the first write of a state is an
 * insert that the primary key (learner, item) lets only one caller win, later
 * writes are `UPDATE … WHERE version = expected`, and an answer is recorded
 * with `UPDATE … WHERE answeredAt IS NULL`, so a double submit is graded once.
 */
export function createPrismaPracticeStore(
  prisma: PrismaClient,
  /** The pick's two statements go here (Database.sql); Prisma's `$queryRawUnsafe` when not given. */
  sql: RawSql = createRawSql(prisma),
): PracticeStore {
  return {
    async statesOf(learner) {
      const rows = await prisma.practiceState.findMany({ where: { learner } });
      return rows.map(toState);
    },
    async pickView(learner, itemIds, now) {
      // The four columns a pick looks at, as one row of arrays (parsing one row costs PGlite
      // less than parsing a hundred), straight to the driver; the view itself is the core's.
      const [row] = await sql.query<{
        ids: string[] | null;
        slugs: string[];
        dues: number[];
        reviews: Array<number | null>;
      }>(
        `SELECT array_agg("itemId") AS ids, array_agg(slug) AS slugs,
                array_agg((extract(epoch FROM due) * 1000)::float8) AS dues,
                array_agg((extract(epoch FROM "lastReview") * 1000)::float8) AS reviews
         FROM "PracticeState" WHERE learner = $1`,
        [learner],
      );
      if (!row?.ids) return pickViewOfColumns(NO_COLUMNS, itemIds, now);
      return pickViewOfColumns(
        { itemIds: row.ids, slugs: row.slugs, dueMs: row.dues, lastReviewMs: row.reviews },
        itemIds,
        now,
      );
    },
    async saveState(state, expectedVersion) {
      const { learner, itemId, slug, card, version } = state;
      const data = {
        slug,
        due: card.due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsedDays,
        scheduledDays: card.scheduledDays,
        learningSteps: card.learningSteps,
        reps: card.reps,
        lapses: card.lapses,
        state: card.state,
        lastReview: card.lastReview,
        version,
      };
      if (expectedVersion === 0) {
        // ON CONFLICT DO NOTHING: count is 0 when another writer created the row first.
        const { count } = await prisma.practiceState.createMany({
          data: [{ learner, itemId, ...data }],
          skipDuplicates: true,
        });
        return count === 1;
      }
      const { count } = await prisma.practiceState.updateMany({
        where: { learner, itemId, version: expectedVersion },
        data,
      });
      return count === 1;
    },
    async recordShown(shown) {
      // Every pick writes one: straight to the driver, as the read above.
      await sql.query(
        `INSERT INTO "PracticeShown" (id, learner, "itemId", "shownAt") VALUES ($1, $2, $3, $4::timestamp(3))`,
        [shown.id, shown.learner, shown.itemId, shown.shownAt],
      );
    },
    async findShown(id) {
      const row = await prisma.practiceShown.findUnique({ where: { id } });
      return row ? toShown(row) : null;
    },
    async answerShown(id, answer) {
      const { count } = await prisma.practiceShown.updateMany({
        where: { id, answeredAt: null },
        data: { choice: answer.choice, correct: answer.correct, answeredAt: answer.answeredAt },
      });
      const row = await prisma.practiceShown.findUnique({ where: { id } });
      return row ? { shown: toShown(row), first: count === 1 } : null;
    },
    async answerTimes(learner, since) {
      const rows = await prisma.practiceShown.findMany({
        where: { learner, answeredAt: { gte: since } },
        select: { answeredAt: true },
        orderBy: { answeredAt: 'asc' },
      });
      return rows.map((r) => r.answeredAt!);
    },
    async learningStats(now) {
      const [slugRows, learnerRows, choiceRows] = await Promise.all([
        prisma.$queryRaw<Array<{ slug: string; learners: bigint; due: bigint }>>`
          SELECT "slug", COUNT(DISTINCT "learner") AS learners,
                 COUNT(*) FILTER (WHERE "due" <= ${now}) AS due
          FROM "PracticeState" GROUP BY "slug"`,
        prisma.$queryRaw<Array<{ itemId: string; learners: bigint }>>`
          SELECT "itemId", COUNT(DISTINCT "learner") AS learners
          FROM "PracticeShown" WHERE "answeredAt" IS NOT NULL GROUP BY "itemId"`,
        prisma.$queryRaw<Array<{ itemId: string; choice: number; correct: boolean; answers: bigint }>>`
          SELECT "itemId", "choice", "correct", COUNT(*) AS answers
          FROM "PracticeShown" WHERE "answeredAt" IS NOT NULL GROUP BY "itemId", "choice", "correct"`,
      ]);
      const choices = new Map<string, Array<{ choice: number; answers: number; correct: boolean }>>();
      for (const row of choiceRows) {
        const list = choices.get(row.itemId) ?? [];
        list.push({ choice: row.choice, answers: Number(row.answers), correct: row.correct });
        choices.set(row.itemId, list);
      }
      return {
        slugs: slugRows.map((r) => ({ slug: r.slug, learners: Number(r.learners), due: Number(r.due) })),
        items: learnerRows.map((r) => ({
          itemId: r.itemId,
          learners: Number(r.learners),
          choices: choices.get(r.itemId) ?? [],
        })),
      };
    },
    async pruneShown(olderThan) {
      const { count } = await prisma.practiceShown.deleteMany({ where: { shownAt: { lt: olderThan } } });
      return count;
    },
  };
}

function toState(row: StateRow): ItemState {
  return {
    learner: row.learner,
    itemId: row.itemId,
    slug: row.slug,
    version: row.version,
    card: {
      due: row.due,
      stability: row.stability,
      difficulty: row.difficulty,
      elapsedDays: row.elapsedDays,
      scheduledDays: row.scheduledDays,
      learningSteps: row.learningSteps,
      reps: row.reps,
      lapses: row.lapses,
      state: row.state,
      lastReview: row.lastReview,
    },
  };
}

function toShown(row: ShownRow): ShownItem {
  const answered = row.answeredAt !== null && row.choice !== null && row.correct !== null;
  return {
    id: row.id,
    learner: row.learner,
    itemId: row.itemId,
    shownAt: row.shownAt,
    answer: answered ? { choice: row.choice!, correct: row.correct!, answeredAt: row.answeredAt! } : null,
  };
}
