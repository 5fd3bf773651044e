import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { withEnvFile } from '../../config/env-file.js';

/** Where `tutor` found its settings, content and data. */
export interface CliEnvironment {
  /** The environment with the `.env` underneath and CONTENT_DIR / DATA_DIR made absolute where known. */
  env: NodeJS.ProcessEnv;
  /** The `.env` that was read, if any. */
  envFile: string | null;
  /** The concept-tutor folder found at or above the working directory, if any. */
  project: string | null;
  /** Absolute CONTENT_DIR, or null when it is neither set nor found. */
  contentDir: string | null;
  /** Absolute DATA_DIR, or null when it is neither set nor found. */
  dataDir: string | null;
}

const isDirectory = (dir: string) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

/** The nearest folder at or above `cwd` that holds `content/concepts`: a concept-tutor project. */
export function findProject(cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (isDirectory(path.join(dir, 'content', 'concepts'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Locates what an installed `tutor` works on, wherever it is run from:
 *
 * 1. the `.env` of the working directory, else of the project folder (the
 *    nearest folder above with `content/concepts`); the environment wins;
 * 2. CONTENT_DIR and DATA_DIR from there, relative paths taken from the
 *    folder of the `.env` that set them (or the working directory);
 * 3. else `<project>/content` and `<project>/data`;
 * 4. else null: the command that needs them says how to fix it, and no data
 *    folder is created in a folder that is not a project.
 */
export function resolveCliEnvironment(input: { env: NodeJS.ProcessEnv; cwd: string }): CliEnvironment {
  const cwd = path.resolve(input.cwd);
  const project = findProject(cwd);
  const envDir =
    existsSync(path.join(cwd, '.env')) || !project || !existsSync(path.join(project, '.env')) ? cwd : project;
  const loaded = withEnvFile(input.env, envDir);
  const env = loaded.env;
  const baseOf = (name: string) => (loaded.fromFile.has(name) ? envDir : cwd);
  const located = (name: 'CONTENT_DIR' | 'DATA_DIR', folder: string): string | null => {
    const value = env[name]?.trim();
    // An absolute value is kept as written, so messages show the folder the person set.
    if (value) return path.isAbsolute(value) ? value : path.resolve(baseOf(name), value);
    return project ? path.join(project, folder) : null;
  };
  const contentDir = located('CONTENT_DIR', 'content');
  const dataDir = located('DATA_DIR', 'data');
  if (contentDir) env.CONTENT_DIR = contentDir;
  if (dataDir) env.DATA_DIR = dataDir;
  // A relative embedded database folder follows the same rule as DATA_DIR.
  const url = env.DATABASE_URL?.trim();
  if (url?.startsWith('pglite:')) {
    const location = url.slice('pglite:'.length).trim();
    if (location !== '' && location !== 'memory' && location !== 'memory://')
      env.DATABASE_URL = `pglite:${path.resolve(baseOf('DATABASE_URL'), location)}`;
  }
  return { env, envFile: loaded.file, project, contentDir, dataDir };
}

/** The error text when a command needs CONTENT_DIR or DATA_DIR and neither is set nor found. */
export function notLocatedMessage(missing: readonly string[], cwd: string): string {
  const names = missing.join(' and ');
  return (
    `tutor cannot tell where your ${missing.map((m) => (m === 'CONTENT_DIR' ? 'content' : 'data')).join(' and ')} ${missing.length > 1 ? 'are' : 'is'}: ` +
    `${names} ${missing.length > 1 ? 'are' : 'is'} not set, and neither ${cwd} nor any folder above it is a concept-tutor folder (one with content/concepts).\n` +
    `Fix it by running tutor inside your concept-tutor folder, or by setting ${names} (in the environment, or in a .env file in this folder), e.g.\n` +
    `  CONTENT_DIR=/srv/tutor/content DATA_DIR=/srv/tutor/data tutor …\n` +
    'tutor never creates a data folder outside a concept-tutor folder.'
  );
}
