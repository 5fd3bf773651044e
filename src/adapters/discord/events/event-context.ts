import type { SlashCommand } from '../commands/slash-command.js';
import type { DiscordDeps } from '../discord-deps.js';

/** What every event handler gets. */
export interface EventContext {
  deps: DiscordDeps;
  commands: ReadonlyMap<string, SlashCommand>;
  /** DISCORD_APPLICATION_ID, checked against the application the token belongs to. */
  applicationId: string;
}
