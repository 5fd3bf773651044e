import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { TutorAnswer } from '../../../../core/answering/create-tutor.js';
import { APOLOGY } from '../../../../core/chat/user-replies.js';
import { errorFields, isUserFacing } from '../../../../core/errors.js';
import type { ConversationTurn } from '../../../../core/ports.js';
import { readForm } from '../../request/read-form.js';
import { chatUserId } from '../../security/chat-user-id.js';
import type { WebDeps } from '../../web-deps.js';
import { nextHistory, parseHistory } from './ask-history.js';
import { renderTurn } from './ask-turn-view.js';
import { askPage } from './ask-view.js';

/** Refusals that are about the service, not the question: the database is down, or the service is stopping. */
const UNAVAILABLE = new Set(['USAGE_UNAVAILABLE', 'SHUTTING_DOWN']);

/**
 * `/ask`: a web chat with the tutor. The form works without JavaScript (POST,
 * full page); ask.js upgrades it to fetch with a streamed answer. Either way
 * the question goes through tutor.ask as platform "web" with the anonymous
 * asker keyed by client address (see chatUserId), so the same rate limits and
 * question log apply as in chat.
 */
export function registerAskPage(app: Hono, deps: WebDeps): void {
  app.get('/ask', (c) => c.html(askPage(c, deps, { question: c.req.query('q')?.slice(0, 2000) ?? '' })));

  app.post('/ask', async (c) => {
    const body = await readForm(c);
    const question = typeof body.question === 'string' ? body.question : '';
    const history = parseHistory(body.history);
    const accept = c.req.header('accept') ?? '';
    if (accept.includes('application/x-ndjson')) return streamAnswer(c, deps, question, history);

    let result: TutorAnswer;
    try {
      // Registered as work in flight, so a graceful stop lets the answer finish (or apologises).
      result = await deps.inFlight.run((signal) => ask(c, deps, question, history, signal));
    } catch (error) {
      const { status, message } = describeFailure(deps, error);
      if (accept.includes('application/json')) return c.json({ error: message }, status);
      return c.html(askPage(c, deps, { question, history: JSON.stringify(history), error: message }), status);
    }
    const nextTurns = nextHistory(history, question.trim(), result.answer);
    if (accept.includes('application/json')) {
      return c.json({
        html: String(await renderTurn(c, deps.settings, question.trim(), result)),
        history: nextTurns,
        mode: result.mode,
        questionId: result.questionId,
      });
    }
    return c.html(
      askPage(c, deps, { history: nextTurns, turn: renderTurn(c, deps.settings, question.trim(), result) }),
    );
  });
}

function ask(
  c: Context,
  deps: WebDeps,
  question: string,
  history: ConversationTurn[],
  signal: AbortSignal,
  onText?: (text: string) => void,
): Promise<TutorAnswer> {
  return deps.tutor.ask({
    question,
    platform: 'web',
    userId: chatUserId(c, deps.settings),
    history,
    onText,
    signal,
  });
}

/** Only UserFacingError text reaches the visitor; anything else is logged and becomes the one apology. */
function describeFailure(deps: WebDeps, error: unknown): { status: 400 | 429 | 500 | 503; message: string } {
  if (isUserFacing(error)) {
    const status = error.code === 'RATE_LIMITED' ? 429 : UNAVAILABLE.has(error.code) ? 503 : 400;
    return { status, message: error.message };
  }
  deps.logger.error('web ask failed', errorFields(error));
  return { status: 500, message: APOLOGY };
}

/** NDJSON: `{"type":"delta","text"}` while the model writes, then one `answer` or `error` line. */
function streamAnswer(c: Context, deps: WebDeps, question: string, history: ConversationTurn[]): Response {
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
  c.header('Cache-Control', 'no-store');
  c.header('X-Accel-Buffering', 'no');
  return stream(c, (out) =>
    deps.inFlight.run(async (signal) => {
      const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
      let sent = 0;
      let writes = Promise.resolve();
      const onText = (textSoFar: string) => {
        const delta = textSoFar.slice(sent);
        sent = textSoFar.length;
        if (delta) writes = writes.then(() => line({ type: 'delta', text: delta })).then(() => undefined);
      };
      try {
        const result = await ask(c, deps, question, history, signal, onText);
        await writes;
        const turn = String(await renderTurn(c, deps.settings, question.trim(), result));
        await line({
          type: 'answer',
          html: turn,
          history: nextHistory(history, question.trim(), result.answer),
          mode: result.mode,
          questionId: result.questionId,
        });
      } catch (error) {
        await writes;
        const { status, message } = describeFailure(deps, error);
        await line({ type: 'error', status, message });
      }
    }),
  );
}
