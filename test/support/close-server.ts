import type { Server } from 'node:http';

/**
 * Stops a local stand-in's server at once: no new connections, and the idle keep-alive ones dropped (close()
 * alone waits for clients to let them go, which keeps a test run alive).
 */
export function closeServer(server: Pick<Server, 'close' | 'closeAllConnections'>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
