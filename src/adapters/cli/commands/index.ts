import type { CliCommand } from '../cli-types.js';
import { askCommand } from './ask.js';
import { contentCheckCommand } from './content-check.js';
import { dbCommands } from './db.js';
import { discordRegisterCommand } from './discord-register.js';
import { newsletterCommands } from './newsletter-commands.js';
import { searchCommand } from './search.js';

/** Every `tutor` command; add new ones here, one file each. */
export const commands: readonly CliCommand[] = [
  askCommand,
  searchCommand,
  contentCheckCommand,
  ...dbCommands,
  discordRegisterCommand,
  ...newsletterCommands,
];
