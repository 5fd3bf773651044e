import { shuttingDownError } from '../chat/user-replies.js';
import { errorFields } from '../errors.js';
import { admitQuestion } from '../limits/admit-question.js';
import type { UsageGuard } from '../limits/create-usage-guard.js';
import type {
  AnswerMode,
  Clock,
  ConversationTurn,
  LanguageModel,
  LlmResponse,
  LoggedMode,
  Logger,
  Platform,
  QuestionLog,
  SourceRef,
  TokenUsage,
} from '../ports.js';
import type { AsyncRetriever } from '../retrieval/async-retriever.js';
import type { RetrievalResult, Retriever } from '../retrieval/create-retriever.js';
import { worstCaseTokens } from './estimate-cost.js';
import { type ExtractiveReason, extractiveAnswer } from './extractive-answer.js';
import { hashUser } from './hash-user.js';
import { hideNotCoveredMarker } from './hide-marker.js';
import { capHistory } from './history.js';
import { notCoveredAnswer } from './not-covered-answer.js';
import { prepareQuestion } from './question-input.js';
import { NOT_COVERED_MARKER } from './system-prompt.js';

/** A question from any surface. */
export interface AskInput {
  question: string;
  platform: Platform;
  /** The platform's user id; only its salted hash is stored. */
  userId: string;
  /** Earlier turns of the thread, oldest first; capped by tokens before use. */
  history?: readonly ConversationTurn[];
  /** Receives the answer text so far while the model streams; never the model's internal markers. */
  onText?: (textSoFar: string) => void;
  /**
   * Aborted when the service stops and its drain budget runs out: the model
   * call is cancelled and ask() throws a SHUTTING_DOWN UserFacingError.
   */
  signal?: AbortSignal;
}

/** The tutor's reply, ready for an adapter to render. */
export interface TutorAnswer {
  answer: string;
  /** Cited concepts, one per slug, in citation order; empty when not covered. */
  sources: SourceRef[];
  mode: AnswerMode;
  /** Things the asker should know (a cut question, a fallback). */
  notices: string[];
  /** Closest concepts, offered when the question is not covered. */
  suggestions: Array<{ slug: string; title: string }>;
  /** Question log id for feedback; null if logging failed. */
  questionId: string | null;
  usage: TokenUsage;
}

/** Dependencies of {@link createTutor}. */
export interface TutorDeps {
  /** BM25, or hybrid BM25 + vectors (async: the question is embedded first). */
  retriever: Retriever | AsyncRetriever;
  /** null when no API key is configured: answers are extractive. */
  llm: LanguageModel | null;
  questionLog: QuestionLog;
  logger: Logger;
  clock: Clock;
  userSalt: string;
  /** The stable prompt prefix of the live library (core/answering/stable-prefix.ts), cached per library version. */
  stablePrefix: () => string;
  maxTokens: number;
  /** Token cap for thread history handed to the model. */
  historyTokens?: number;
  /** Per-user rate limit and daily token budget; none means unlimited. */
  guard?: UsageGuard;
}

/** The tutor: answers questions from the library only, and cites what it used. */
export interface Tutor {
  ask(input: AskInput): Promise<TutorAnswer>;
}

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** Creates the tutor. */
export function createTutor(deps: TutorDeps): Tutor {
  const { retriever, llm, questionLog, logger, clock } = deps;

  async function retrieve(question: string, history: readonly ConversationTurn[]): Promise<RetrievalResult> {
    const direct = await retriever.search(question);
    const lastAsked = [...history].reverse().find((t) => t.role === 'user');
    if (direct.covered || !lastAsked) return direct;
    // A follow-up such as "and what are its pitfalls?" names its topic only in the thread.
    const withContext = await retriever.search(`${lastAsked.text} ${question}`);
    return withContext.covered ? withContext : direct;
  }

  return {
    async ask(input) {
      const startedAt = clock.now().getTime();
      const { text, notices } = prepareQuestion(input.question);
      const userHash = hashUser(deps.userSalt, input.platform, input.userId);
      const history = capHistory(input.history ?? [], deps.historyTokens ?? 2000);
      const retrieval = await retrieve(text, history);
      const suggestions = retrieval.concepts.slice(0, 3).map(({ slug, title }) => ({ slug, title }));
      const wantsModel = retrieval.covered && llm !== null;

      // The question is in the log, holding its share of the budget, before anything is answered.
      const admission = await admitQuestion(
        { questionLog, guard: deps.guard, logger },
        {
          text,
          platform: input.platform,
          userHash,
          reservedTokens: wantsModel
            ? worstCaseTokens({
                prefix: deps.stablePrefix(),
                question: text,
                history,
                passages: retrieval.passages,
                maxTokens: deps.maxTokens,
              })
            : 0,
        },
      );

      let result: Omit<TutorAnswer, 'questionId' | 'notices'> & {
        notices?: string[];
        model?: string;
        logMode?: LoggedMode;
      };
      if (!retrieval.covered) {
        result = {
          answer: notCoveredAnswer(suggestions),
          sources: [],
          mode: 'not-covered',
          suggestions,
          usage: NO_USAGE,
        };
      } else {
        // A shutdown that cuts the answer off leaves the reservation standing: the call may have cost it.
        result = await answerFromPassages(text, history, retrieval, admission.useModel, input);
      }

      const allNotices = [...notices, ...(result.notices ?? [])];
      const questionId = await questionLog
        .settle(admission.id, {
          text,
          platform: input.platform,
          userHash,
          mode: result.logMode ?? result.mode,
          covered: result.mode !== 'not-covered',
          sources: result.sources,
          model: result.model,
          usage: result.usage,
          latencyMs: clock.now().getTime() - startedAt,
        })
        .then(() => admission.id)
        .catch((error: unknown) => {
          // The reservation stays counted, so the limits still hold; only the record of the answer is lost.
          logger.error('could not record the answer in the question log', errorFields(error));
          return null;
        });
      return {
        answer: result.answer,
        sources: result.sources,
        mode: result.mode,
        notices: allNotices,
        suggestions: result.suggestions,
        questionId,
        usage: result.usage,
      };
    },
  };

  async function answerFromPassages(
    question: string,
    history: ConversationTurn[],
    retrieval: RetrievalResult,
    useModel: boolean,
    input: Pick<AskInput, 'onText' | 'signal'>,
  ): Promise<Omit<TutorAnswer, 'questionId'> & { model?: string; logMode?: LoggedMode }> {
    const suggestions: TutorAnswer['suggestions'] = [];
    const extractive = (reason: ExtractiveReason, usage = NO_USAGE, model?: string) => {
      const quoted = extractiveAnswer(retrieval.passages, reason, question, retrieval.comparison)!;
      return {
        answer: quoted.answer,
        sources: quoted.sources,
        mode: 'extractive' as const,
        notices: [quoted.notice],
        suggestions,
        usage,
        model,
      };
    };
    if (!llm) return extractive('no-model');
    if (!useModel) return extractive('budget');
    if (input.signal?.aborted) throw shuttingDownError();

    let response: LlmResponse;
    try {
      response = await llm.generate({
        system: deps.stablePrefix(),
        question,
        history,
        passages: retrieval.passages.map((p) => ({
          id: p.id,
          title: `${p.title}: ${p.section}`,
          text: p.text,
        })),
        maxTokens: deps.maxTokens,
        onText: hideNotCoveredMarker(input.onText),
        ...(input.signal ? { signal: input.signal } : {}),
      });
    } catch (error) {
      if (input.signal?.aborted) throw shuttingDownError();
      logger.warn('language model failed after retries; answering extractively', errorFields(error));
      return extractive('model-failed');
    }

    if (response.text.trim().startsWith(NOT_COVERED_MARKER)) {
      const closest = retrieval.concepts.slice(0, 3).map(({ slug, title }) => ({ slug, title }));
      return {
        answer: notCoveredAnswer(closest),
        sources: [],
        mode: 'not-covered',
        // Retrieval called it covered and the model disagreed: a different gap from "nothing matched".
        logMode: 'model-refused',
        notices: [],
        suggestions: closest,
        usage: response.usage,
        model: response.model,
      };
    }
    const byId = new Map(retrieval.passages.map((p) => [p.id, p]));
    const sources: SourceRef[] = [];
    for (const id of response.citedPassageIds) {
      const passage = byId.get(id);
      if (passage && !sources.some((s) => s.slug === passage.slug)) {
        sources.push({ slug: passage.slug, title: passage.title, section: passage.section });
      }
    }
    // Peers learned that an uncited answer is where hallucinations hide: never show one.
    if (sources.length === 0) {
      logger.warn('model answer cited no passage; answering extractively');
      return extractive('uncited', response.usage, response.model);
    }
    return {
      answer: response.text.trim(),
      sources,
      mode: 'ai',
      notices: [],
      suggestions,
      usage: response.usage,
      model: response.model,
    };
  }
}
