import { errorFields, isUserFacing } from '../../../core/errors.js';
import type { ConversationTurn } from '../../../core/ports.js';
import { quizzableSlug } from '../../../core/practice/quizzable-slug.js';
import { answerFooter, renderAnswer } from '../render/answer-blocks.js';
import { errorReply } from '../render/error-reply.js';
import { escapeMrkdwn } from '../render/markdown-to-mrkdwn.js';
import { plainMessage } from '../render/progress-message.js';
import { BLOCK_IDS, context } from '../render/slack-message.js';
import type { SlackDeps } from '../slack-deps.js';
import type { AnswerSurface, FinishedAnswer } from './answer-surface.js';

/** One question to answer on one surface. */
export interface QuestionRequest {
  surface: AnswerSurface;
  question: string;
  userId: string;
  history?: ConversationTurn[];
  /** mrkdwn kept above the answer (who asked, for /ask). */
  header?: string | undefined;
  /** Where it came from, for the logs (never the question text). */
  where: Record<string, string | undefined>;
  /** Aborted when shutdown's drain budget runs out; the tutor then stops and the placeholder gets an apology. */
  signal?: AbortSignal | undefined;
}

/**
 * The one core call behind every way of asking: show progress, ask the tutor
 * (streaming drafts into the surface), render the answer (as Block Kit, and
 * as Markdown plus footer blocks for a native stream) and show it. Every path ends in an answer, a refusal or an apology: limits,
 * an unreachable database and a shutdown come back as the tutor's own
 * user-facing words, anything else as the shared apology, logged in full.
 */
export async function answerQuestion(
  deps: Pick<SlackDeps, 'tutor' | 'logger' | 'settings' | 'library'>,
  request: QuestionRequest,
): Promise<void> {
  const { surface, header } = request;
  try {
    await surface.start();
  } catch (error) {
    // The answer can still be posted without a placeholder; finish() will try.
    deps.logger.warn('could not post the placeholder', { ...request.where, ...errorFields(error) });
  }
  let finished: FinishedAnswer;
  try {
    const answer = await deps.tutor.ask({
      question: request.question,
      platform: 'slack',
      userId: request.userId,
      history: request.history ?? [],
      onText: (soFar) => surface.draft(soFar),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const quizSlug = quizzableSlug(
      deps.library(),
      answer.sources.map((s) => s.slug),
    );
    finished = {
      messages: renderAnswer(answer, { publicUrl: deps.settings.publicUrl, header, quizSlug }),
      // A stream carries the text as Markdown; what renderAnswer puts around it goes underneath.
      stream: {
        markdown: answer.answer,
        footer: [
          ...answer.notices.map((n) => context(`:information_source: ${escapeMrkdwn(n)}`, BLOCK_IDS.notice)),
          ...answerFooter(answer, deps.settings.publicUrl, quizSlug),
        ],
      },
    };
    deps.logger.info('answered a question', {
      ...request.where,
      mode: answer.mode,
      sources: answer.sources.length,
    });
  } catch (error) {
    if (isUserFacing(error)) deps.logger.info('question refused', { ...request.where, code: error.code });
    else deps.logger.error('answering failed', { ...request.where, ...errorFields(error) });
    finished = { messages: [plainMessage(errorReply(error), header)] };
  }
  await surface.finish(finished);
}
