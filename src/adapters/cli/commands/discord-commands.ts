import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { registerDiscordRegister } from './discord-register.js';

/** `tutor discord …`: the Discord bot's setup. */
export function registerDiscord(program: Command, ctx: CliContext): void {
  const discord = program
    .command('discord')
    .summary('The Discord bot: register its slash commands')
    .description('Set up the Discord bot (docs/discord.md). The bot itself runs inside the service.')
    .addHelpText('after', examples('tutor discord register --guild 123456789012345678'));
  registerDiscordRegister(discord, ctx);
}
