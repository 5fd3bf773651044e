import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../../../core/ports.js';

const THREAD_EVENTS = new Set(['assistant_thread_started', 'assistant_thread_context_changed']);

/**
 * Global middleware ahead of Bolt's Assistant: an assistant thread event
 * without `assistant_thread.channel_id` and `thread_ts` would make the
 * Assistant throw (AssistantMissingPropertyError). It is dropped here with a
 * warning naming what is missing, and never reaches a listener.
 */
export function dropMalformedAssistantEvents(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ payload, next }) => {
    const event = payload as { type?: unknown; assistant_thread?: Record<string, unknown> | null };
    if (typeof event.type === 'string' && THREAD_EVENTS.has(event.type)) {
      const thread = event.assistant_thread;
      const missing = ['channel_id', 'thread_ts', 'user_id'].filter((k) => typeof thread?.[k] !== 'string');
      if (missing.length > 0) {
        logger.warn('ignored a malformed assistant event', {
          type: event.type,
          missing: missing.map((k) => `assistant_thread.${k}`).join(', '),
        });
        return;
      }
    }
    await next();
  };
}
