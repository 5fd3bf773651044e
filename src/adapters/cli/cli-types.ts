import type { Config } from '../../config/env-schema.js';

/** Where a CLI command writes and what it was started with; injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Context handed to every command. Config is parsed lazily so `--help` works with a broken env. */
export interface CliContext {
  io: CliIo;
  config: () => Config;
}

/** One `tutor` command: one file each under commands/. */
export interface CliCommand {
  /** Words that select it, e.g. `content check`. */
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
