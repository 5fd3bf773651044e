#!/usr/bin/env node
import { commands } from './adapters/cli/commands/index.js';
import { runCli } from './adapters/cli/run-cli.js';

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  },
  commands,
);
// pg pools and PGlite keep the event loop alive; the command is done.
process.exit(code);
