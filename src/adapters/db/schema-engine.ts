import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
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
    const instance = await wasm.instantiate(module, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
  })();
  instantiated.catch(() => {
    instantiated = undefined;
  });
  return instantiated;
}

/**
 * Creates a schema engine that talks to the database through a Prisma driver
 * adapter factory. Free it with `engine.free()` when done.
 */
export async function createSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: SchemaFile,
  logger?: Logger,
): Promise<SchemaEngine> {
  await instantiateWasm();
  const onLog = (line: string) => logger?.debug('schema engine', parseEngineLog(line));
  return bg.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    onLog,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

function parseEngineLog(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { line };
  }
}
