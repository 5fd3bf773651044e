import type { CliRegistration } from '../cli-types.js';
import { registerAsk } from './ask.js';
import { registerBounces } from './bounces-commands.js';
import { registerContent } from './content-commands.js';
import { registerDb } from './db-commands.js';
import { registerDigest } from './digest-commands.js';
import { registerDiscord } from './discord-commands.js';
import { registerSearch } from './search.js';
import { registerSubscribers } from './subscribers-commands.js';

/**
 * Every `tutor` command and group, in the order `tutor --help` lists them.
 * One file per command, one index per group; command files import their
 * heavy dependencies (container, database, SDKs) inside the action, so
 * registering them all costs next to nothing.
 */
export const commands: readonly CliRegistration[] = [
  registerAsk,
  registerSearch,
  registerContent,
  registerDb,
  registerDigest,
  registerSubscribers,
  registerBounces,
  registerDiscord,
];
