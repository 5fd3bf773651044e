import type { webApi } from '@slack/bolt';
import type { Timers } from '../../../core/chat/draft-timers.js';
import { createThrottledDraft } from '../../../core/chat/throttled-draft.js';
import { errorFields } from '../../../core/errors.js';
import type { Logger, OpenPlaceholder, OpenPlaceholders, PlaceholderKind } from '../../../core/ports.js';
import { slackErrorCode } from '../app/slack-error.js';
import type { SlackMessage } from '../render/slack-message.js';
import type { AnswerSurface, FinishedAnswer } from './answer-surface.js';
import { streamableMarkdown, streamChunks } from './stream-markdown.js';

/** The first words go out this soon (or after the draft interval, if shorter); later parts keep the interval. */
export const STREAM_FIRST_DELAY_MS = 300;

/** The thread statuses shown while the tutor works (assistant.threads.setStatus). */
export const STREAM_STATUS = { searching: 'Searching the library…', writing: 'Writing…' } as const;

/** Options of {@link createStreamSurface}. */
export interface StreamSurfaceOptions {
  client: webApi.WebClient;
  channel: string;
  /** The thread the answer goes in: Slack streams only replies. */
  threadTs: string;
  /** ts of the question; names the status record until the stream exists. */
  questionTs: string;
  /** Who the stream is for; Slack requires both outside DMs. */
  recipient: { userId: string; teamId: string | undefined };
  /** Least time between two stream calls (the shared throttled draft). */
  draftIntervalMs: number;
  /** Where the status, then the stream, is recorded until it is finished (swept after a crash). */
  openPlaceholders: OpenPlaceholders;
  logger: Logger;
  /** The placeholder surface used instead when Slack refuses to start a stream here. */
  fallback(): AnswerSurface;
  timers?: Timers;
}

/**
 * Answers with Slack's native streaming: a status ("Searching the library…",
 * then "Writing…") until the first words, then chat.startStream with them
 * (within STREAM_FIRST_DELAY_MS), chat.appendStream with each new part
 * (throttled, through the shared draft), and chat.stopStream with the Sources and 👍/👎 blocks under the
 * text. Slack refusing the stream (not allowed here, no recipient, an old
 * workspace) switches to the placeholder surface. A stream that breaks
 * later, or whose final text is not a continuation of what was streamed
 * (an uncited answer replaced by a quote), is stopped and replaced with the
 * whole answer by chat.update. The status, then the stream, stays recorded
 * until the answer is shown, so a crash leaves nothing open after a restart.
 */
export function createStreamSurface(options: StreamSurfaceOptions): AnswerSurface {
  const { client, channel, threadTs, logger } = options;
  const where = { channel, threadTs };
  let mode: 'waiting' | 'streaming' | 'broken' | 'fallback' = 'waiting';
  let streamTs: string | undefined;
  let sent = '';
  let fallback: AnswerSurface | undefined;
  let writing: Promise<void> | undefined;

  const record = (kind: PlaceholderKind, messageId: string): OpenPlaceholder => ({
    platform: 'slack',
    channel,
    messageId,
    kind,
    threadTs,
  });
  const statusRecord = record('status', options.questionTs);
  const remember = (placeholder: OpenPlaceholder) =>
    options.openPlaceholders
      .add(placeholder)
      .catch((error: unknown) =>
        logger.warn('could not record the open answer', { ...where, ...errorFields(error) }),
      );
  const forget = (placeholder: OpenPlaceholder) =>
    options.openPlaceholders
      .remove(placeholder)
      .catch((error: unknown) =>
        logger.warn('could not clear the finished answer', { ...where, ...errorFields(error) }),
      );

  const setStatus = async (status: string) => {
    try {
      await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status });
    } catch (error) {
      // A status is a courtesy: the answer goes out without one.
      logger.debug('could not set the thread status', { ...where, ...errorFields(error) });
    }
  };
  const post = async (message: SlackMessage) => {
    await client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  };

  async function append(text: string): Promise<void> {
    if (!text.startsWith(sent) || text.length === sent.length) return;
    for (const chunk of streamChunks(text.slice(sent.length)))
      await client.chat.appendStream({ channel, ts: streamTs!, markdown_text: chunk });
    sent = text;
  }

  async function open(text: string): Promise<void> {
    const [first = ''] = streamChunks(text);
    try {
      const started = await client.chat.startStream({
        channel,
        thread_ts: threadTs,
        markdown_text: first,
        recipient_user_id: options.recipient.userId,
        ...(options.recipient.teamId ? { recipient_team_id: options.recipient.teamId } : {}),
      });
      if (!started.ts) throw new Error('chat.startStream answered without a ts');
      streamTs = started.ts;
    } catch (error) {
      logger.info('Slack did not start a stream here; answering with a placeholder instead', {
        ...where,
        code: slackErrorCode(error),
      });
      mode = 'fallback';
      fallback = options.fallback();
      await fallback.start().catch((e: unknown) =>
        // finish() posts the answer without a placeholder.
        logger.warn('could not post the placeholder', { ...where, ...errorFields(e) }),
      );
      await forget(statusRecord);
      fallback.draft(text);
      return;
    }
    mode = 'streaming';
    sent = first;
    await remember(record('stream', streamTs));
    await forget(statusRecord);
    await append(text);
  }

  const drafts = createThrottledDraft<string>({
    intervalMs: options.draftIntervalMs,
    firstDelayMs: Math.min(STREAM_FIRST_DELAY_MS, options.draftIntervalMs),
    render: (soFar) => streamableMarkdown(soFar, false) || null,
    async show(text) {
      await writing;
      if (mode === 'waiting') await open(text);
      else if (mode === 'streaming') {
        try {
          await append(text);
        } catch (error) {
          mode = 'broken';
          logger.warn('could not append to the stream; the answer will replace it when done', {
            ...where,
            ...errorFields(error),
          });
        }
      }
    },
    onError: (error) => logger.warn('could not stream a draft', { ...where, ...errorFields(error) }),
    ...(options.timers ? { timers: options.timers } : {}),
  });

  /** Stops the stream and puts the whole answer in its place (or under it, when Slack will not update it). */
  async function replace(ts: string, messages: SlackMessage[]): Promise<void> {
    await client.chat
      .stopStream({ channel, ts })
      .catch((error: unknown) =>
        logger.debug('could not stop the stream (it may have ended)', { ...where, ...errorFields(error) }),
      );
    const [first, ...rest] = messages;
    if (!first) return;
    try {
      await client.chat.update({ channel, ts, text: first.text, blocks: first.blocks });
    } catch (error) {
      logger.warn('could not replace the stream; posting the answer under it', {
        ...where,
        ...errorFields(error),
      });
      await post(first);
    }
    for (const message of rest) await post(message);
  }

  return {
    async start() {
      await remember(statusRecord);
      await setStatus(STREAM_STATUS.searching);
    },
    draft(markdownSoFar) {
      if (mode === 'fallback') {
        fallback!.draft(markdownSoFar);
        return;
      }
      if (markdownSoFar.trim() !== '') writing ??= setStatus(STREAM_STATUS.writing);
      drafts.offer(markdownSoFar);
    },
    async finish(answer: FinishedAnswer) {
      await drafts.finish();
      if (mode === 'fallback') {
        await fallback!.finish(answer);
        return;
      }
      if (mode === 'waiting') {
        // Nothing was streamed (a quoted answer, a refusal, an apology): it goes out whole.
        for (const message of answer.messages) await post(message);
        await forget(statusRecord);
        return;
      }
      const ts = streamTs!;
      let done = false;
      const markdown = answer.stream ? streamableMarkdown(answer.stream.markdown, true) : null;
      if (mode === 'streaming' && answer.stream && markdown?.startsWith(sent)) {
        try {
          await append(markdown);
          await client.chat.stopStream({ channel, ts, blocks: answer.stream.footer });
          done = true;
        } catch (error) {
          logger.warn('could not finish the stream; replacing it with the answer', {
            ...where,
            ...errorFields(error),
          });
        }
      }
      if (!done) await replace(ts, answer.messages);
      await forget(record('stream', ts));
    },
  };
}
