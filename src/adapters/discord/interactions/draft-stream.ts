import type { RepliableInteraction } from 'discord.js';
import type { Logger } from '../../../core/ports.js';
import { describeError } from '../error-text.js';
import { draftReply } from '../render/draft-reply.js';

/** Streams drafts into a deferred interaction's reply; `finish` must be awaited before the final edit. */
export interface DraftStream {
  draft(textSoFar: string): void;
  finish(): Promise<void>;
  /** Whether a draft made it into the reply. */
  readonly shown: boolean;
}

/**
 * Shows the answer as the model writes it, by editing the deferred reply at
 * most once per `intervalMs`. Edits go out one at a time, in order, and none
 * is sent after `finish`, so a late draft can never overwrite the answer. A
 * failed draft costs only the preview.
 */
export function createDraftStream(
  interaction: Pick<RepliableInteraction, 'id' | 'editReply'>,
  options: { question: string; intervalMs: number; logger: Logger },
): DraftStream {
  let latest = '';
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  let queue: Promise<void> = Promise.resolve();
  let shown = false;

  function flush(): void {
    timer = undefined;
    const reply = draftReply(latest, options.question);
    if (!reply || finished) return;
    queue = queue
      .then(async () => {
        if (finished) return;
        await interaction.editReply(reply);
        shown = true;
      })
      .catch((error: unknown) =>
        options.logger.warn('discord: could not stream a draft into the reply', {
          interactionId: interaction.id,
          ...describeError(error),
        }),
      );
  }

  return {
    get shown() {
      return shown;
    },
    draft(textSoFar) {
      if (finished) return;
      latest = textSoFar;
      timer ??= setTimeout(flush, options.intervalMs);
    },
    async finish() {
      finished = true;
      clearTimeout(timer);
      await queue;
    },
  };
}
