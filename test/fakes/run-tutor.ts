import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../src/adapters/cli/cli-types.js';
import { commands } from '../../src/adapters/cli/commands/index.js';
import { runCli } from '../../src/adapters/cli/run-cli.js';

/**
 * An empty working directory: no `.env` of the developer's checkout is read
 * and no project is found above it, so a test sees only the env it passes.
 */
const EMPTY_CWD = path.join(tmpdir(), 'concept-tutor-empty-cwd');
mkdirSync(EMPTY_CWD, { recursive: true });

/** Runs a `tutor` command in-process with the given env and captures its output; `io` overrides the rest. */
export async function runTutor(
  argv: string[],
  env: Record<string, string>,
  io: Partial<Omit<CliIo, 'stdout' | 'stderr' | 'env'>> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env,
      cwd: EMPTY_CWD,
      // Time stands still unless a test moves it, so periodic progress lines never depend on machine load.
      now: () => 0,
      ...io,
    },
    commands,
  );
  return { code, stdout, stderr };
}
