import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createGuestPass, GuestPass } from '../../../src/index';
import { createLogger } from '../../../src/logging/logger';
import { within } from './wait';

export interface RunningBot {
  app: GuestPass;
  /** `http://127.0.0.1:PORT` */
  url: string;
  logFile: string;
  close(): Promise<void>;
}

/**
 * GuestPass as `npm start` builds it, in this process: sandbox mode (the simulated directory on loopback), no bot
 * identity (local development mode, as the Playground needs), the memory store, the given policy file, on a free
 * port. Configuration comes from an explicit environment, never from this machine's variables or .env.
 */
export async function startBot(options: { policyFile: string; logFile: string }): Promise<RunningBot> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    STORE: 'memory',
    POLICY_FILE: options.policyFile,
    LOG_LEVEL: 'debug',
  });
  const destination = pino.destination({ dest: options.logFile, sync: true });
  const app = await createGuestPass(config, {
    logger: createLogger({ level: config.logLevel, destination }),
    startJobs: false,
  });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    logFile: options.logFile,
    async close() {
      const http = (app.server as unknown as { server: Server }).server;
      const closed = new Promise<void>((resolve) => app.server.close(() => resolve()));
      http.closeAllConnections();
      await within(closed, { timeoutMs: 5_000, what: 'the bot to stop listening' }).catch(() => undefined);
      await within(app.close(), { timeoutMs: 10_000, what: 'the bot to finish its turns' });
      destination.flushSync();
    },
  };
}
