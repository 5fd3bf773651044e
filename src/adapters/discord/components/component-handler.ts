import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { DiscordDeps } from '../discord-deps.js';

/** Handles the buttons whose custom id it recognises. One file each. */
export interface ButtonHandler {
  name: string;
  matches(customId: string): boolean;
  handle(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void>;
}

/** Handles the modals whose custom id it recognises. One file each. */
export interface ModalHandler {
  name: string;
  matches(customId: string): boolean;
  handle(interaction: ModalSubmitInteraction, deps: DiscordDeps): Promise<void>;
}
