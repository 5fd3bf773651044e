import type {
  Clock,
  LoggedMode,
  LoggedQuestion,
  Platform,
  QuestionLog,
  QuestionRecord,
  SourceRef,
} from '../../core/ports.js';
import type { PrismaClient, Question } from './generated/client.js';

/** Options for {@link createPrismaQuestionLog}. */
export interface PrismaQuestionLogOptions {
  /** Stamps `createdAt`; without one the database's `now()` does, which keeps replicas on one clock. */
  clock?: Clock;
}

// Question ids are Postgres UUIDs: any other string would be a query error, not "not found".
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The {@link QuestionLog} on the `Question` table. */
export function createPrismaQuestionLog(
  prisma: PrismaClient,
  options: PrismaQuestionLogOptions = {},
): QuestionLog {
  const stamp = () => (options.clock ? { createdAt: options.clock.now() } : {});
  return {
    async record(entry) {
      const row = await prisma.question.create({
        data: { ...stamp(), ...answerColumns(entry) },
        select: { id: true },
      });
      return { id: row.id };
    },

    async reserve(entry) {
      const row = await prisma.question.create({
        data: {
          ...stamp(),
          text: entry.text,
          platform: entry.platform,
          userHash: entry.userHash,
          mode: 'pending',
          covered: false,
          pending: true,
          reservedTokens: entry.reservedTokens,
        },
        select: { id: true },
      });
      return { id: row.id };
    },

    async settle(id, entry) {
      const { count } = await prisma.question.updateMany({
        where: { id },
        data: { ...answerColumns(entry), pending: false, reservedTokens: 0 },
      });
      if (count === 0) throw new Error(`question ${id} is not in the log`);
    },

    async release(id) {
      await prisma.question.deleteMany({ where: { id, pending: true } });
    },

    async setFeedback(id, feedback, reason) {
      if (!UUID.test(id)) return false;
      const { count } = await prisma.question.updateMany({
        where: { id },
        data: {
          feedback,
          feedbackAt: options.clock?.now() ?? new Date(),
          // Like the in-memory log: a vote without a reason keeps the earlier reason.
          ...(reason !== undefined ? { feedbackReason: reason } : {}),
        },
      });
      return count > 0;
    },

    async get(id) {
      if (!UUID.test(id)) return null;
      const row = await prisma.question.findUnique({ where: { id } });
      return row ? toLoggedQuestion(row) : null;
    },

    async recent({ limit, covered, feedback, since }) {
      const rows = await prisma.question.findMany({
        where: {
          pending: false,
          ...(covered !== undefined ? { covered } : {}),
          ...(feedback !== undefined ? { feedback } : {}),
          ...(since !== undefined ? { createdAt: { gte: since } } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map(toLoggedQuestion);
    },

    async totals({ since } = {}) {
      const where = { pending: false, ...(since !== undefined ? { createdAt: { gte: since } } : {}) };
      const [byMode, sums, up, down] = await Promise.all([
        prisma.question.groupBy({ by: ['mode'], where, _count: { _all: true } }),
        prisma.question.aggregate({
          where,
          _sum: { inputTokens: true, outputTokens: true, cacheReadTokens: true, cacheWriteTokens: true },
        }),
        prisma.question.count({ where: { ...where, feedback: 1 } }),
        prisma.question.count({ where: { ...where, feedback: -1 } }),
      ]);
      const modes: Record<LoggedMode, number> = {
        ai: 0,
        extractive: 0,
        'not-covered': 0,
        'model-refused': 0,
      };
      for (const row of byMode) {
        if (row.mode in modes) modes[row.mode as LoggedMode] = row._count._all;
      }
      return {
        questions: byMode.reduce((sum, row) => sum + row._count._all, 0),
        byMode: modes,
        usage: {
          inputTokens: sums._sum.inputTokens ?? 0,
          outputTokens: sums._sum.outputTokens ?? 0,
          cacheReadTokens: sums._sum.cacheReadTokens ?? 0,
          cacheWriteTokens: sums._sum.cacheWriteTokens ?? 0,
        },
        thumbsUp: up,
        thumbsDown: down,
      };
    },

    async tokensSince(since) {
      const { _sum } = await prisma.question.aggregate({
        where: { createdAt: { gte: since } },
        _sum: { inputTokens: true, outputTokens: true, reservedTokens: true },
      });
      return (_sum.inputTokens ?? 0) + (_sum.outputTokens ?? 0) + (_sum.reservedTokens ?? 0);
    },

    async countByUserSince(userHash, since) {
      return prisma.question.count({ where: { userHash, createdAt: { gte: since } } });
    },
  };
}

/** The columns that say how a question was answered. */
function answerColumns(entry: QuestionRecord) {
  return {
    text: entry.text,
    platform: entry.platform,
    userHash: entry.userHash,
    mode: entry.mode,
    covered: entry.covered,
    sources: entry.sources.map(toJsonSource),
    model: entry.model ?? null,
    inputTokens: entry.usage.inputTokens,
    outputTokens: entry.usage.outputTokens,
    cacheReadTokens: entry.usage.cacheReadTokens,
    cacheWriteTokens: entry.usage.cacheWriteTokens,
    usageEstimated: entry.usage.estimated === true,
    latencyMs: entry.latencyMs,
  };
}

/** Leaves `section` out rather than storing `null`, so sources read back as they were written. */
function toJsonSource(source: SourceRef): { slug: string; title: string; section?: string } {
  return source.section === undefined
    ? { slug: source.slug, title: source.title }
    : { slug: source.slug, title: source.title, section: source.section };
}

function toSources(value: unknown): SourceRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { slug, title, section } = item as Record<string, unknown>;
    if (typeof slug !== 'string' || typeof title !== 'string') return [];
    return [typeof section === 'string' ? { slug, title, section } : { slug, title }];
  });
}

function toLoggedQuestion(row: Question): LoggedQuestion {
  return {
    id: row.id,
    createdAt: row.createdAt,
    text: row.text,
    platform: row.platform as Platform,
    userHash: row.userHash,
    mode: row.mode as LoggedMode,
    covered: row.covered,
    sources: toSources(row.sources),
    model: row.model ?? undefined,
    usage: {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      cacheReadTokens: row.cacheReadTokens,
      cacheWriteTokens: row.cacheWriteTokens,
      ...(row.usageEstimated ? { estimated: true } : {}),
    },
    latencyMs: row.latencyMs,
    feedback: row.feedback === 1 || row.feedback === -1 ? row.feedback : null,
    feedbackReason: row.feedbackReason,
  };
}
