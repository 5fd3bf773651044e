import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { Logger } from '../../core/ports.js';

export type { SchemaEngine };

/** A Prisma schema file as the engine wants it. */
export interface SchemaFile {
  path: string;
  content: string;
}

/** The slice of the WebAssembly global this needs (the project's `lib` has no DOM types). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, object>): Promise<{ exports: Record<string, unknown> }>;
}

let instantiated: Promise<void> | undefined;

/**
 * Timers the engine started and that have not fired. It arms long timeouts
 * (e.g. 10 s around the advisory lock) and never clears them, which would keep
 * a finished CLI process alive; they are cleared once no engine is running.
 */
const pendingTimers = new Set<ReturnType<typeof setTimeout>>();
let runningEngines = 0;

function trackedSetTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => {
    pendingTimers.delete(timer);
    callback();
  }, ms >>> 0);
  pendingTimers.add(timer);
  return timer;
}

/**
 * Instantiates Prisma's WASM schema engine once per process. Node 20 cannot
 * `import` a `.wasm` file, so compile it by hand and wire it to its JS glue.
 * The glue keeps the instance in a module variable, so there can be only one;
 * any number of engines share it.
 */
function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = await wasm.compile(await readFile(gluePath.replace(/\.js$/, '.wasm')));
    // The glue's functions call each other directly, so replacing one import in a copy is enough.
    const imports: Record<string, unknown> = { ...bg };
    for (const name of Object.keys(imports)) {
      if (name.startsWith('__wbg_setTimeout_')) imports[name] = trackedSetTimeout;
    }
    const instance = await wasm.instantiate(module, { './schema_engine_bg.js': imports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  instantiated.catch(() => {
    instantiated = undefined;
  });
  return instantiated;
}

/**
 * Runs `fn` with a schema engine that talks to the database through a Prisma
 * driver adapter factory, then frees the engine.
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: SchemaFile,
  logger: Logger | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await instantiateWasm();
  runningEngines++;
  try {
    const onLog = (line: string) => logger?.debug('schema engine', parseEngineLog(line));
    const engine = await bg.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      onLog,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    if (--runningEngines === 0) {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
    }
  }
}

function parseEngineLog(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { line };
  }
}
