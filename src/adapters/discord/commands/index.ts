import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { askCommand } from './ask.js';
import { conceptCommand } from './concept.js';
import { explainCommand } from './explain.js';
import { practiceCommand } from './practice.js';
import { loadCommands, type SlashCommand } from './slash-command.js';
import { subscribeCommand } from './subscribe.js';
import { unsubscribeCommand } from './unsubscribe.js';

/** Every slash command, checked once at load; add new ones here, one file each. */
export function discordCommands(): ReadonlyMap<string, SlashCommand> {
  return loadCommands([
    askCommand,
    conceptCommand,
    subscribeCommand,
    unsubscribeCommand,
    practiceCommand,
    explainCommand,
  ]);
}

/** The definitions `tutor discord register` sends to Discord. */
export function commandDefinitions(
  commands: ReadonlyMap<string, SlashCommand> = discordCommands(),
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...commands.values()].map((command) => command.data.toJSON());
}
