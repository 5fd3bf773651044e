import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { DiscordDeps } from '../discord-deps.js';

/** One slash command: its definition for registration and its handlers. One file each. */
export interface SlashCommand {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Must defer (or reply) within 3 seconds. `signal` aborts when shutdown's drain budget runs out. */
  execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps, signal?: AbortSignal): Promise<void>;
  /** Answers autocomplete for the command's options; cannot be deferred, so it must be quick. */
  autocomplete?(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void>;
}

const fn = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);
// Discord's rules for chat-input names: lowercase, 1-32 characters.
const name = z.string().regex(/^[-_\p{Ll}\p{N}]{1,32}$/u, 'must be 1-32 lowercase letters, digits, - or _');
const description = z.string().min(1).max(100);
const definition = z.object({
  name,
  description,
  options: z.array(z.object({ name, description })).max(25).optional(),
});
const commandShape = z.object({
  data: z.object({ toJSON: fn }).loose(),
  execute: fn,
  autocomplete: fn.optional(),
});

/**
 * Checks every command at load time, so a malformed one stops startup (and
 * `tutor discord register`) with a message naming it, instead of failing when
 * someone first types it. Returns the commands by name.
 */
export function loadCommands(candidates: readonly unknown[]): ReadonlyMap<string, SlashCommand> {
  const problems: string[] = [];
  const byName = new Map<string, SlashCommand>();
  candidates.forEach((candidate, index) => {
    const shape = commandShape.safeParse(candidate);
    if (!shape.success) {
      problems.push(`command #${index + 1}: ${z.prettifyError(shape.error).replace(/\n/g, '; ')}`);
      return;
    }
    const command = candidate as SlashCommand;
    const raw: unknown = command.data.toJSON();
    const json = definition.safeParse(raw);
    const rawName = (raw as { name?: unknown } | null)?.name;
    const label = typeof rawName === 'string' && rawName ? `/${rawName}` : `command #${index + 1}`;
    if (!json.success) problems.push(`${label}: ${z.prettifyError(json.error).replace(/\n/g, '; ')}`);
    else if (byName.has(json.data.name)) problems.push(`${label}: defined twice`);
    else byName.set(json.data.name, command);
  });
  if (problems.length > 0)
    throw new Error(`Invalid Discord command definitions:\n  ${problems.join('\n  ')}`);
  return byName;
}
