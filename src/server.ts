import { CloudAdapter } from 'botbuilder';
import { Logger } from 'pino';
import restify from 'restify';
import type { HttpTimeoutsConfig } from './config/app-config';
import { applyConnectionTimeouts } from './http/connection-timeouts';
import { jsonBody } from './http/json-body';
import { Drainables, whenAborted } from './drain';
import { admitAtEdge } from './teams/activity-shape';
import { GuestPassBot } from './teams/guestpass-bot';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ServerParts {
  adapter: CloudAdapter;
  bot: GuestPassBot;
  logger: Logger;
  /** What /readyz verifies: the store answers, a Graph token can be had… */
  readiness: ReadinessCheck[];
  timeouts: HttpTimeoutsConfig;
  /** The turns in flight are registered here; once it drains, /readyz answers 503. */
  drainables: Drainables;
  /** What /readyz adds without failing readiness: a feature that cannot work in this tenant (`notes`, by name). */
  readinessNotes?: () => Record<string, string>;
}

/**
 * The HTTP face: the Bot Framework messaging endpoint and health probes. Built without listening so tests drive
 * it on a port of their choosing and `index.ts` decides when to serve.
 */
export function createServer({ adapter, bot, logger, readiness, timeouts, drainables, readinessNotes }: ServerParts): restify.Server {
  // A bot registration's messaging endpoint is often typed with a trailing slash; Teams posts to it as typed.
  const server = restify.createServer({ name: 'GuestPass', handleUncaughtExceptions: false, ignoreTrailingSlash: true });
  applyConnectionTimeouts(server.server, timeouts);

  let inFlight = 0;
  let idle: (() => void) | undefined;
  drainables.register({
    name: 'turns',
    async drain(signal) {
      if (inFlight === 0) return;
      await Promise.race([new Promise<void>((resolve) => (idle = resolve)), whenAborted(signal)]);
    },
  });
  const messagingBody = jsonBody({
    onRefused: (status, req) =>
      logger.debug({ status, contentType: req.headers['content-type'], contentEncoding: req.headers['content-encoding'] }, 'request body refused'),
  });
  server.post('/api/messages', messagingBody, async (req, res) => {
    const problems = admitAtEdge(req.body);
    if (problems.length > 0) {
      logger.warn({ problems: problems.slice(0, 10) }, 'malformed activity refused');
      // Checked before the caller is authenticated: what is wrong goes to the log, not to whoever asked.
      res.send(400, { error: 'malformed activity' });
      return;
    }
    inFlight++;
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      // The adapter answers 401/400 itself; anything reaching here is unexpected, and never shown to the caller.
      logger.error({ err: error }, 'messaging endpoint failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'alive' });
  });

  server.get('/readyz', async (_req, res) => {
    // Shutting down: tell load balancers at once, without asking the store or Entra ID first.
    if (drainables.draining) {
      res.send(503, { status: 'shutting down' });
      return;
    }
    const results = await Promise.all(
      readiness.map(async ({ name, check }) => {
        try {
          await check();
          return { name, ok: true };
        } catch (error) {
          logger.warn({ err: error, check: name }, 'readiness check failed');
          return { name, ok: false };
        }
      }),
    );
    const ready = results.every((result) => result.ok);
    const notes = readinessNotes?.() ?? {};
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results, ...(Object.keys(notes).length > 0 ? { notes } : {}) });
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error & { statusCode?: number }, callback: () => void) => {
    // Probes and scanners (HEAD /api/messages, unknown paths) are routine: note them briefly, without a stack.
    const status = error.statusCode ?? 500;
    if (status < 500) logger.debug({ status, method: req.method, path: req.path?.() }, 'request refused');
    else logger.warn({ err: error, path: req.path?.() }, 'request failed');
    return callback();
  });

  Object.defineProperty(server, 'turnsInFlight', { get: () => inFlight });
  return server;
}

/** Turns the messaging endpoint is still working on (graceful shutdown waits for them). */
export function turnsInFlight(server: restify.Server): number {
  return (server as unknown as { turnsInFlight: number }).turnsInFlight;
}
