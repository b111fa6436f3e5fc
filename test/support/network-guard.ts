import * as net from 'node:net';

/**
 * Keeps a test on loopback. Every outgoing TCP connection goes through `net.Socket.prototype.connect`
 * (http, https, undici's fetch); while the guard is on, a connection to any other host is refused before a DNS
 * query or a packet leaves, and recorded, so a test can also assert that nothing tried to call out (for example
 * to fetch Bot Framework signing keys).
 */
export interface NetworkGuard {
  /** `host:port` of every connection attempted while the guard was on, loopback ones included. */
  readonly attempts: string[];
  /** The attempts to anything but loopback (all refused). */
  readonly refused: string[];
  restore(): void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export function guardLoopbackOnly(): NetworkGuard {
  const original = net.Socket.prototype.connect;
  const attempts: string[] = [];
  const refused: string[] = [];
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const { host, port, path } = targetOf(args);
    const target = path ?? `${host}:${port}`;
    attempts.push(target);
    if (path === undefined && !LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
      refused.push(target);
      process.nextTick(() => this.destroy(new Error(`network guard: connection to ${target} refused (tests stay on loopback)`)));
      return this;
    }
    return original.apply(this, args as never);
  } as typeof original;
  return {
    attempts,
    refused,
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

/** connect(options), connect(port, host) or, from net.createConnection, a single normalized [options, callback]. */
function targetOf(args: unknown[]): { host: string; port?: number; path?: string } {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number; path?: string };
    return { host: options.host ?? 'localhost', port: options.port, path: options.path };
  }
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) };
}
