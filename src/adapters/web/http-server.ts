import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { ConfigError, errorFields } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

/** A raw Node request listener mounted under a path prefix (e.g. Bolt's receiver at /slack/). */
export interface RawMount {
  prefix: string;
  listener: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A running HTTP server. */
export interface HttpServer {
  server: Server;
  /** The bound port (useful with port 0 in tests). */
  port: number;
  close(): Promise<void>;
}

/**
 * One server on one port for everything: the Hono app, plus raw mounts for
 * libraries that want Node's request objects (Slack's signed-request receiver
 * must see the untouched body to verify its signature).
 */
export async function startHttpServer(options: {
  app: Hono;
  mounts?: RawMount[];
  port: number;
  host: string;
  logger: Logger;
}): Promise<HttpServer> {
  const honoListener = getRequestListener(options.app.fetch);
  const mounts = options.mounts ?? [];
  const server = createServer((req, res) => {
    const mount = mounts.find((m) => req.url?.startsWith(m.prefix));
    try {
      if (mount) mount.listener(req, res);
      else void honoListener(req, res);
    } catch (error) {
      options.logger.error('HTTP handler threw', { url: req.url, ...errorFields(error) });
      if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        const why =
          error.code === 'EADDRINUSE'
            ? 'is already in use (is another copy of the service running?)'
            : 'needs privileges this user does not have';
        reject(
          new ConfigError(
            `Cannot listen on ${options.host}:${options.port}: the port ${why}. Stop the other process or set PORT to a free port, e.g. PORT=3001.`,
          ),
        );
      } else reject(error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
