import type { RawMount } from './adapters/web/http-server.js';
import type { Container } from './container.js';

/** What a module reports in the startup line. */
export interface ModuleStatus {
  on: boolean;
  /** Why it is off, or a short note on how it runs. */
  detail: string;
}

/**
 * A long-running part of the service (a chat adapter, the digest scheduler).
 * The service starts every module whose `status` says on, after the container
 * is wired and before the HTTP server listens, so modules can mount routes.
 */
export interface ServiceModule {
  name: string;
  status(container: Container): ModuleStatus;
  start(context: { container: Container; mount(mount: RawMount): void }): Promise<StartedModule>;
}

/** A started module. The service stops it in two steps around draining the work in flight. */
export interface StartedModule {
  /**
   * Stop taking new work (close a socket, stop scheduling); work already in
   * flight carries on. Called first, before the service waits for that work.
   */
  quiesce?(): Promise<void>;
  /** Release everything; called once the work in flight is done or its drain budget ran out. */
  stop(): Promise<void>;
}
