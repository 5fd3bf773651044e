#!/usr/bin/env node
import type { StopSignal } from './adapters/cli/cli-types.js';
import { commands } from './adapters/cli/commands/index.js';
import { runCli } from './adapters/cli/run-cli.js';
import { signalExitCode } from './adapters/cli/stop-on-signal.js';

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    columns: process.stdout.columns,
    stderrIsTTY: process.stderr.isTTY === true,
    // Only while a long command listens: otherwise Ctrl-C ends tutor at once, as usual.
    onSignal(handler) {
      let heard = false;
      const listener = (signal: StopSignal) => {
        if (!heard) {
          heard = true;
          handler(signal);
          return;
        }
        // A second Ctrl-C: the person wants out now. Rows mid-send are resumed by the next run.
        process.stderr.write(
          `\n${signal} again: quitting now. A message in flight may go out twice when you run the command again.\n`,
        );
        process.exit(signalExitCode(signal));
      };
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  },
  commands,
);
// pg pools and PGlite keep the event loop alive; the command is done.
process.exit(code);
