import type { Client } from 'discord.js';
import { discordCommands } from './commands/index.js';
import type { SlashCommand } from './commands/slash-command.js';
import { createDiscordClient } from './create-discord-client.js';
import type { DiscordDeps } from './discord-deps.js';
import { registerEvents } from './events/index.js';

/** A Discord bot with its handlers attached, not yet connected. */
export interface DiscordBot {
  client: Client;
  /** Connects to the gateway; resolves once Discord accepted the session. */
  login(): Promise<void>;
  /** Disconnects and releases timers; safe to call at any time. */
  destroy(): Promise<void>;
}

/** Options of {@link createDiscordBot}. */
export interface DiscordBotOptions {
  token: string;
  applicationId: string;
  /** REST base override (DISCORD_API_URL); the gateway address comes from it too. */
  apiUrl?: string | undefined;
  deps: DiscordDeps;
  commands?: ReadonlyMap<string, SlashCommand>;
}

/** Builds the bot: a client with the fewest intents and every event handler registered. */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const client = createDiscordClient({ apiUrl: options.apiUrl });
  registerEvents(client, {
    deps: options.deps,
    commands: options.commands ?? discordCommands(),
    applicationId: options.applicationId,
  });
  return {
    client,
    async login() {
      await client.login(options.token);
    },
    destroy: () => client.destroy(),
  };
}
