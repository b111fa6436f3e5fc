import { AppConfig } from './config';
import { Logger } from './logging/logger';

/**
 * What `npm start` tells the person at the terminal and the log about how it runs: the sandbox (nobody is really
 * invited) and local development mode (unauthenticated endpoint) are said loudly, since both are unsafe to mistake
 * for production.
 */
export function announceMode(config: AppConfig, app: { logger: Logger; storeKind: string; sandboxUrl?: string }): void {
  if (app.sandboxUrl) {
    // Said once in plain words for the person at the terminal, and again in the structured log.
    process.stderr.write(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────────────────────┐',
        '  │  GuestPass is running in SANDBOX mode against a simulated directory.     │',
        '  │  Nobody is really invited. Configure AZURE_TENANT_ID, AZURE_CLIENT_ID    │',
        '  │  and AZURE_CLIENT_SECRET (see .env.example) to use your tenant.          │',
        '  └──────────────────────────────────────────────────────────────────────────┘',
        '',
        '',
      ].join('\n'),
    );
    app.logger.warn(
      { simulatedGraph: app.sandboxUrl },
      'SANDBOX MODE: no Microsoft Entra tenant is configured (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET). ' +
        'Invitations go to a simulated directory on this machine; nobody is really invited.',
    );
  }
  if (config.bot.localDevelopment) {
    app.logger.warn(
      'LOCAL DEVELOPMENT MODE: MicrosoftAppId is not set, so /api/messages accepts unauthenticated requests. ' +
        'Use it only with the Agents Playground or tests on this machine.',
    );
  }
  app.logger.info(
    {
      store: app.storeKind,
      graph: app.sandboxUrl ? 'simulated' : config.graph.baseUrl,
      graphAuthMode: config.graph.auth.mode,
      // The Bot Framework endpoints set (the rest are the cloud's); URLs only, never a secret.
      botChannel: config.bot.channel,
    },
    'configuration',
  );
}
