import { createHash } from 'node:crypto';
import { worstCaseTokens } from '../../answering/estimate-cost.js';
import { hashUser } from '../../answering/hash-user.js';
import { shuttingDownError } from '../../chat/user-replies.js';
import type { Concept, Library } from '../../content/types.js';
import { errorFields } from '../../errors.js';
import { admitQuestion } from '../../limits/admit-question.js';
import type { UsageGuard } from '../../limits/create-usage-guard.js';
import type {
  Clock,
  LanguageModel,
  LlmResponse,
  Logger,
  Platform,
  QuestionLog,
  TokenUsage,
} from '../../ports.js';
import { conceptPassages } from '../../retrieval/passages.js';
import { automaticGrade } from './automatic-feedback.js';
import { prepareExplanation, resolveConcept } from './explain-input.js';
import { EXPLAIN_BACK_PROMPT, explainBackQuestion } from './explain-prompt.js';
import { createFeedbackCache, type FeedbackCache } from './feedback-cache.js';
import { type CheckedGrade, checkModelGrade } from './model-grade.js';
import type { ExplainFeedback } from './types.js';

/** Shown on every automatic check made because no model is configured. */
export const NO_MODEL_LABEL = 'Automatic check — no AI model configured';
/** Shown when a model is configured but could not grade this time (the notices say why). */
export const FALLBACK_LABEL = 'Automatic check — the AI grader was not used this time';
/** Shown on a model's grade. */
export const AI_LABEL = 'Graded by AI against the article';

/** Why an AI grade fell back to the automatic check, as the learner is told. */
const FALLBACK_NOTICES = {
  budget: "Today's AI budget is used up, so this is the automatic word check instead of an AI grade.",
  failed:
    'The AI grader did not answer, so this is the automatic word check instead. Try again later for an AI grade.',
  junk: "The AI grader's reply could not be read, so this is the automatic word check instead. Try again later for an AI grade.",
} as const;

/** An explanation from any surface. */
export interface ExplainInput {
  /** The concept's slug, title or alias, as typed or picked. */
  concept: string;
  explanation: string;
  platform: Platform;
  /** The platform's user id (a web visitor's id on the web); only its salted hash is kept. */
  userId: string;
  signal?: AbortSignal;
}

/** Dependencies of {@link createExplainBack}. */
export interface ExplainBackDeps {
  library: () => Library;
  /** null when no model is configured: every explanation gets the automatic check. */
  llm: LanguageModel | null;
  /** Where a graded explanation is reserved and settled, so the rate limit and the daily budget count it. */
  questionLog: QuestionLog;
  guard?: UsageGuard | undefined;
  logger: Logger;
  clock: Clock;
  userSalt: string;
  maxTokens: number;
  cache?: FeedbackCache;
}

/** "Explain it back": grades a learner's own explanation of a concept against its article. */
export interface ExplainBack {
  /**
   * Grades an explanation, once: the same learner sending the same text
   * again (a double click, a resubmitted form, "Show what I missed" carrying
   * it) gets the same feedback without a second model call while it is
   * cached. Throws a UserFacingError for bad input or when a limit refuses.
   */
  explain(input: ExplainInput): Promise<ExplainFeedback>;
  /** Feedback graded earlier for this user, by key; null when expired, unknown or someone else's. */
  revealed(key: string, platform: Platform, userId: string): ExplainFeedback | null;
  /** The article's "explain it back" prompt (or a general one), for a surface to show before the learner writes. */
  promptFor(concept: string): { slug: string; title: string; prompt: string };
}

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** Creates the explain-it-back service. */
export function createExplainBack(deps: ExplainBackDeps): ExplainBack {
  const { llm, questionLog, logger, clock } = deps;
  const cache = deps.cache ?? createFeedbackCache(clock);
  const inFlight = new Map<string, Promise<ExplainFeedback>>();

  const keyOf = (userHash: string, slug: string, explanation: string) =>
    createHash('sha256').update(`${userHash}\0${slug}\0${explanation}`).digest('hex').slice(0, 32);

  async function grade(
    concept: Concept,
    explanation: string,
    input: ExplainInput,
    userHash: string,
    key: string,
  ) {
    const base = { key, concept: { slug: concept.slug, title: concept.title } };
    const automatic = (label: string, notices: string[]): ExplainFeedback => ({
      ...base,
      mode: 'automatic',
      label,
      misconception: null,
      notices,
      ...automaticGrade(concept, explanation),
    });
    if (!llm) return automatic(NO_MODEL_LABEL, []);

    const startedAt = clock.now().getTime();
    const passages = conceptPassages(concept);
    const question = explainBackQuestion(concept.title, explanation);
    const admission = await admitQuestion(
      { questionLog, guard: deps.guard, logger },
      {
        // A label, not the explanation: the log keeps no learner's free text.
        text: `Explain it back: ${concept.slug}`,
        platform: input.platform,
        userHash,
        reservedTokens: worstCaseTokens({
          prefix: EXPLAIN_BACK_PROMPT,
          question,
          history: [],
          passages,
          maxTokens: deps.maxTokens,
        }),
      },
    );
    let feedback: ExplainFeedback;
    let usage = NO_USAGE;
    let model: string | undefined;
    if (!admission.useModel) {
      feedback = automatic(FALLBACK_LABEL, [FALLBACK_NOTICES.budget]);
    } else {
      if (input.signal?.aborted) throw shuttingDownError();
      let response: LlmResponse | null = null;
      try {
        response = await llm.generate({
          system: EXPLAIN_BACK_PROMPT,
          question,
          history: [],
          passages: passages.map((p) => ({ id: p.id, title: `${p.title}: ${p.section}`, text: p.text })),
          maxTokens: deps.maxTokens,
          ...(input.signal ? { signal: input.signal } : {}),
        });
      } catch (error) {
        // Left reserved, as the tutor does: a call cut off by a shutdown may have cost it.
        if (input.signal?.aborted) throw shuttingDownError();
        logger.warn(
          'explain-it-back grader failed after retries; using the automatic check',
          errorFields(error),
        );
      }
      if (response) {
        usage = response.usage;
        model = response.model;
      }
      const checked: CheckedGrade | null = response
        ? checkModelGrade(concept, passages, response.citedSpans ?? [{ text: response.text, passageIds: [] }])
        : null;
      if (!response) feedback = automatic(FALLBACK_LABEL, [FALLBACK_NOTICES.failed]);
      else if (!checked) {
        logger.warn('explain-it-back grader reply was unreadable or uncited; using the automatic check', {
          slug: concept.slug,
          model: response.model,
          replyChars: response.text.length,
        });
        feedback = automatic(FALLBACK_LABEL, [FALLBACK_NOTICES.junk]);
      } else {
        const notices: string[] = [];
        if (checked.dropped > 0) {
          logger.warn('explain-it-back grader made points without citing the article; left out', {
            slug: concept.slug,
            dropped: checked.dropped,
          });
          notices.push(
            `${checked.dropped} point${checked.dropped === 1 ? ' was' : 's were'} left out because ${checked.dropped === 1 ? 'it' : 'they'} cited nothing in the article.`,
          );
        }
        const { dropped: _dropped, ...grade } = checked;
        feedback = { ...base, mode: 'ai', label: AI_LABEL, notices, ...grade };
      }
    }
    await questionLog
      .settle(admission.id, {
        text: `Explain it back: ${concept.slug}`,
        platform: input.platform,
        userHash,
        mode: feedback.mode === 'ai' ? 'ai' : 'extractive',
        covered: true,
        // No sources: grading is not asking, and must not count as interest in the concept.
        sources: [],
        model,
        usage,
        latencyMs: clock.now().getTime() - startedAt,
      })
      .catch((error: unknown) =>
        logger.error('could not record the explain-it-back grade in the question log', errorFields(error)),
      );
    return feedback;
  }

  return {
    async explain(input) {
      const concept = resolveConcept(deps.library(), input.concept);
      const explanation = prepareExplanation(input.explanation);
      const userHash = hashUser(deps.userSalt, input.platform, input.userId);
      const key = keyOf(userHash, concept.slug, explanation);
      const cached = cache.get(key, userHash);
      if (cached) return cached;
      const running = inFlight.get(key);
      if (running) return running;
      const work = grade(concept, explanation, input, userHash, key).then((feedback) => {
        cache.put(feedback, userHash);
        return feedback;
      });
      inFlight.set(key, work);
      try {
        return await work;
      } finally {
        inFlight.delete(key);
      }
    },
    revealed(key, platform, userId) {
      return cache.get(key, hashUser(deps.userSalt, platform, userId));
    },
    promptFor(typed) {
      const concept = resolveConcept(deps.library(), typed);
      return {
        slug: concept.slug,
        title: concept.title,
        prompt:
          concept.explainBack ??
          `Explain ${concept.title} in your own words, as if to a colleague: what it is, how it works, and one thing that can go wrong.`,
      };
    },
  };
}
