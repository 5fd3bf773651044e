import { errorFields } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';

/** Discord shows "is typing…" for about 10 seconds per request. */
const REFRESH_MS = 8000;

/**
 * Shows "concept-tutor is typing…" until the returned function is called, so
 * people can see the bot is working on an answer. Failures only cost the
 * indicator, never the answer.
 */
export function keepTyping(channel: { sendTyping(): Promise<void> }, logger: Logger): () => void {
  const send = () =>
    channel
      .sendTyping()
      .catch((error: unknown) => logger.debug('typing indicator failed', errorFields(error)));
  void send();
  const timer = setInterval(() => void send(), REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
