import { createTutor, type Tutor } from '../../src/core/answering/create-tutor.js';
import { createStablePrefix } from '../../src/core/answering/stable-prefix.js';
import { buildLibrary } from '../../src/core/content/build-library.js';
import type { Library } from '../../src/core/content/types.js';
import { createUsageGuard, type UsageLimits } from '../../src/core/limits/create-usage-guard.js';
import {
  createMemoryQuestionLog,
  type MemoryQuestionLog,
} from '../../src/core/memory/memory-question-log.js';
import type { LanguageModel, QuestionLog, QuestionRecord } from '../../src/core/ports.js';
import { createRetriever } from '../../src/core/retrieval/create-retriever.js';
import { englishFrequencies } from '../fixtures/english-frequencies.js';
import { fixtureFiles } from '../fixtures/load-fixture-files.js';
import { createRecordingLogger } from './recording-logger.js';

/** A tutor over the fixture library with an in-memory question log (or the given one), wired like the container does. */
export async function createFixtureTutor(
  llm: LanguageModel | null,
  limits?: UsageLimits,
  seed: QuestionRecord[] = [],
  questionLog?: QuestionLog,
): Promise<{
  tutor: Tutor;
  log: MemoryQuestionLog;
  logger: ReturnType<typeof createRecordingLogger>;
  library: Library;
}> {
  const built = buildLibrary(await fixtureFiles());
  if (!built.ok) throw new Error('fixture library is invalid');
  const log = createMemoryQuestionLog();
  for (const entry of seed) await log.record(entry);
  const clock = { now: () => new Date() };
  const logger = createRecordingLogger();
  const tutor = createTutor({
    retriever: createRetriever(built.library, { frequencies: englishFrequencies() }),
    llm,
    questionLog: questionLog ?? log,
    logger,
    clock,
    guard: limits ? createUsageGuard({ questionLog: questionLog ?? log, clock, limits }) : undefined,
    userSalt: 'test-salt-0123456789',
    stablePrefix: createStablePrefix(() => built.library),
    maxTokens: 500,
  });
  return { tutor, log, logger, library: built.library };
}
