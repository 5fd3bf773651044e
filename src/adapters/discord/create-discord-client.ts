import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

/**
 * The fewest intents that work: Guilds (channels, permissions, interactions),
 * GuildMessages (mentions) and DirectMessages. Not the privileged
 * MessageContent: Discord still sends the content of messages that mention
 * the bot and of DMs, which are the only ones it answers.
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

/** A discord.js client with those intents, caches sized for a bot that only replies, and no pings from its messages. */
export function createDiscordClient(options: { apiUrl?: string | undefined }): Client {
  return new Client({
    intents: [...DISCORD_INTENTS],
    // DM channels are not cached before their first message; without this partial, DMs never arrive.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: true },
    // GuildMessages delivers every message of every channel (without content); keep few of them.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 25 }),
    sweepers: { ...Options.DefaultSweeperSettings, messages: { interval: 900, lifetime: 1800 } },
    rest: options.apiUrl ? { api: options.apiUrl } : {},
  });
}
