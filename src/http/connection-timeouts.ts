import type { Server } from 'node:http';
import type { HttpTimeoutsConfig } from '../config/app-config';

/**
 * Node checks the header and request deadlines of open connections on a timer, 30 s apart by default, so a
 * deadline could be overrun by that much. Checking at a quarter of the shorter deadline keeps the overrun small;
 * a check is a walk over the open connections.
 */
function checkingIntervalMs({ headersSeconds, requestSeconds }: HttpTimeoutsConfig): number {
  return Math.min(headersSeconds, requestSeconds) * 250;
}

/**
 * Sets the server's timeouts explicitly rather than inheriting Node's defaults, which change between versions
 * and let a slow client hold a connection for five minutes. A connection that sends nothing is held to the
 * headers deadline too. The socket inactivity timeout stays off: a turn may wait on Graph for longer than any of
 * these, and its answer must still be written. Call before `listen()`, when Node starts the deadline checks.
 */
export function applyConnectionTimeouts(server: Server, timeouts: HttpTimeoutsConfig): void {
  server.headersTimeout = timeouts.headersSeconds * 1000;
  server.requestTimeout = timeouts.requestSeconds * 1000;
  server.keepAliveTimeout = timeouts.keepAliveSeconds * 1000;
  // A createServer option in Node's documentation, which restify does not pass; Node reads it when listening starts.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = checkingIntervalMs(timeouts);
}
