import type { Client } from 'discord.js';
import { registerClientErrors } from './client-errors.js';
import { registerClientReady } from './client-ready.js';
import type { EventContext } from './event-context.js';
import { registerInteractionCreate } from './interaction-create.js';
import { registerMessageCreate } from './message-create.js';

/** Attaches every event handler, one file each; each catches and logs its own errors. */
export function registerEvents(client: Client, context: EventContext): void {
  registerClientErrors(client, context);
  registerClientReady(client, context);
  registerInteractionCreate(client, context);
  registerMessageCreate(client, context);
}
