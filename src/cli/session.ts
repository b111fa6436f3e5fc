import { AppConfig, ConfigurationError, loadConfig } from '../config';
import { Translate } from '../i18n';
import { createInvitationServices, InvitationServices } from '../index';
import { Requester } from '../invitation/requester';
import { createLogger } from '../logging/logger';
import { CliIo } from './cli-io';
import { CliExit, EXIT } from './exit-codes';
import { resolveRequester } from './requester';

/** Options every command takes (declared on the program, read with `optsWithGlobals`). */
export interface GlobalOptions {
  as?: string;
  json?: boolean;
  verbose?: boolean;
}

/** One command's connection to GuestPass: the same configuration and use cases as the bot, without its server. */
export interface CliSession {
  config: AppConfig;
  services: InvitationServices;
  /** The operator, as `--as` names them; looked up in the directory on first use. */
  requester(): Promise<Requester>;
  close(): Promise<void>;
}

export async function openSession(io: CliIo, options: GlobalOptions, t: Translate): Promise<CliSession> {
  let config: AppConfig;
  let services: InvitationServices;
  try {
    config = io.env ? loadConfig(io.env) : loadConfig();
    // Logs are for operators: to stderr, and only warnings unless asked, so stdout stays the command's answer.
    const logger = createLogger({ level: options.verbose ? config.logLevel : 'warn', destination: io.stderr });
    services = await createInvitationServices(config, { logger, startJobs: false, ...io.overrides });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      throw new CliExit(EXIT.usage, t('cli:cannotStart', { detail: error.message }));
    }
    throw error;
  }
  if (services.sandbox) {
    const file = config.sandboxDirectoryFile;
    io.stderr.write(`${file ? t('cli:sandbox', { file }) : t('cli:sandboxInMemory')}\n`);
  }
  let requester: Promise<Requester> | undefined;
  return {
    config,
    services,
    requester: () => (requester ??= resolveRequester(services.invitations, options.as, t)),
    close: () => services.close(),
  };
}
