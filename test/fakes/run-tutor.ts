import { commands } from '../../src/adapters/cli/commands/index.js';
import { runCli } from '../../src/adapters/cli/run-cli.js';

/** Runs a `tutor` command in-process with the given env and captures its output. */
export async function runTutor(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: process.cwd() },
    commands,
  );
  return { code, stdout, stderr };
}
