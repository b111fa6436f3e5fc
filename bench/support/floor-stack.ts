import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import restify from 'restify';

/**
 * The stack every floor bot runs on, as GuestPass does: botbuilder's CloudAdapter with local-development
 * authentication, restify with the same body parser, POST /api/messages and GET /healthz, on PORT (loopback).
 * Whatever a GuestPass turn costs beyond a floor on this stack is GuestPass's own work.
 */
export function serveFloorBot(name: string, bot: ActivityHandler, onTurnError?: (context: TurnContext, error: Error) => Promise<void>): void {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  if (onTurnError) adapter.onTurnError = onTurnError;
  const server = restify.createServer({ name, handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'alive' });
  });
  server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
