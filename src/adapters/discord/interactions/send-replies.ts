import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { DiscordReply } from '../render/answer-replies.js';

/**
 * Sends rendered messages as the answer to a deferred interaction: the first
 * replaces the "is thinking…" placeholder, the rest follow up with the same
 * visibility (an ephemeral answer stays ephemeral).
 */
export async function sendInteractionReplies(
  interaction: RepliableInteraction,
  replies: readonly DiscordReply[],
): Promise<void> {
  const [first, ...rest] = replies;
  if (!first) return;
  await interaction.editReply(first);
  for (const reply of rest) {
    await interaction.followUp({
      ...reply,
      ...(interaction.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }
}
