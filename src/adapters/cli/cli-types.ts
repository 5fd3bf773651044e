import type { Command } from 'commander';
import type { Config } from '../../config/env-schema.js';

/** A signal that asks a long command to stop. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Where a CLI command writes and what it was started with; injectable so tests run the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The process environment; a `.env` file is read underneath it, never written into it. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Terminal width for help text (default 80). */
  columns?: number;
  /** stderr is an interactive terminal: progress redraws one line instead of printing a line now and then. */
  stderrIsTTY?: boolean;
  /** Milliseconds for progress rates and ETAs (default performance.now); tests inject a clock. */
  now?: () => number;
  /**
   * Lets a long command hear SIGINT/SIGTERM while it runs; returns the
   * unsubscribe. Absent (in-process tests): signals are not handled.
   */
  onSignal?: (handler: (signal: StopSignal) => void) => () => void;
}

/** What a command needs besides its arguments; `content` and `data` must then be located (see cli-environment.ts). */
export type ProjectNeed = 'content' | 'data';

/** Context handed to every command. */
export interface CliContext {
  io: CliIo;
  /**
   * The configuration from the environment and `.env`, parsed on first use
   * (so `--help` works with a broken env, and does not load the parser). CONTENT_DIR and DATA_DIR are
   * absolute; asking for a `need` that cannot be located throws a ConfigError
   * that says how to fix it.
   */
  config(needs?: readonly ProjectNeed[]): Promise<Config>;
  /** Wraps a command body for commander: the number it resolves becomes the exit code. */
  action<A extends unknown[]>(body: (...args: A) => Promise<number>): (...args: A) => Promise<void>;
}

/** Adds one command, or one group with its commands, to `parent`. One file per command, one index per group. */
export type CliRegistration = (parent: Command, ctx: CliContext) => void;
