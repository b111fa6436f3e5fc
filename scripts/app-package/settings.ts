/**
 * Command-line options and environment for `npm run package` (scripts/package-app.ts).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigurationError, loadConfig } from "../../src/config";
import { isBareHostName, isGuid, isSsoResourceFor } from "./placeholders";

export const DEFAULT_OUT = "build/appPackage.zip";

export interface PackageOptions {
  botId?: string | undefined;
  domain?: string | undefined;
  out?: string | undefined;
  ssoResource?: string | undefined;
  help?: boolean | undefined;
}

export interface PackageSettings {
  botId: string;
  domain: string;
  /** Absolute path of the zip to write. */
  out: string;
  /** The bot's app ID URI for Teams single sign-on (delegated modes); without it, no webApplicationInfo. */
  ssoResource?: string;
}

/** Bot settings as found in the environment; either may be missing. */
export interface BotSettingsFromEnvironment {
  appId?: string | undefined;
  domain?: string | undefined;
  ssoResource?: string | undefined;
}

/** Thrown for unusable options or settings; the CLI prints the message and exits with code 1. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

export const USAGE = `Usage: npm run package -- [--bot-id <guid>] [--domain <host>] [--sso-resource <uri>] [--out <file>]

Builds the Teams app package (manifest.json, color.png, outline.png, tr-tr.json).
  --bot-id <guid>        the bot's Microsoft App ID   (default: environment variable MicrosoftAppId)
  --domain <host>        the bot's public host name    (default: environment variable BOT_DOMAIN)
  --sso-resource <uri>   Teams single sign-on for the delegated Graph modes: the bot's app ID URI,
                         api://<domain>/<bot id>     (default: environment variable SSO_APP_ID_URI)
  --out <file>           where to write the zip         (default: ${DEFAULT_OUT})
The environment is read only when --bot-id or --domain is missing.`;

/**
 * The one place that reads the bot id and domain from the environment: through the project's
 * config module, so `.env` is honoured and the variables are checked the same way as when the
 * bot starts (MicrosoftAppId must be a GUID, BOT_DOMAIN a bare host name).
 * Pass `env` to read a given set of variables instead of `.env` + `process.env`.
 */
export function readBotSettingsFromEnvironment(env?: NodeJS.ProcessEnv): BotSettingsFromEnvironment {
  try {
    const config = env === undefined ? loadConfig() : loadConfig(env);
    const settings: BotSettingsFromEnvironment = { appId: config.bot.appId, domain: config.bot.domain };
    if (config.bot.ssoAppIdUri !== undefined) settings.ssoResource = config.bot.ssoAppIdUri;
    return settings;
  } catch (err) {
    if (err instanceof ConfigurationError) {
      throw new SettingsError(
        `Cannot read the bot settings (MicrosoftAppId, BOT_DOMAIN) from the environment: ${err.message}
` +
          "Fix the variables above, or pass both --bot-id <guid> and --domain <host> to skip the environment.",
      );
    }
    throw err;
  }
}

/** Parses `--bot-id`, `--domain`, `--out` and `--help` (also `--name=value`). */
export function parsePackageArgs(argv: string[]): PackageOptions {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "bot-id": { type: "string" },
        domain: { type: "string" },
        out: { type: "string" },
        "sso-resource": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    const options: PackageOptions = { botId: values["bot-id"], domain: values.domain, out: values.out, help: values.help };
    if (values["sso-resource"] !== undefined) options.ssoResource = values["sso-resource"];
    return options;
  } catch (err) {
    throw new SettingsError(`${(err as Error).message}\n\n${USAGE}`);
  }
}

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === "";

/**
 * Combines options and environment: an option wins over the environment. Refuses (throws
 * SettingsError listing every problem) a missing or non-GUID bot id and a domain that is not
 * a bare host name.
 */
export function resolvePackageSettings(
  options: PackageOptions,
  readEnvironment: () => BotSettingsFromEnvironment = () => readBotSettingsFromEnvironment(),
  cwd: string = process.cwd(),
): PackageSettings {
  const problems: string[] = [];
  // The environment is read only when an option is missing.
  const fromEnvironment = blank(options.botId) || blank(options.domain) ? readEnvironment() : {};

  const botIdSource = blank(options.botId) ? "environment variable MicrosoftAppId" : "option --bot-id";
  const botId = (blank(options.botId) ? fromEnvironment.appId : options.botId)?.trim();
  if (blank(botId)) {
    problems.push(
      "The bot id is missing: set the environment variable MicrosoftAppId (the Azure Bot's Microsoft App ID) or pass --bot-id <guid>.",
    );
  } else if (!isGuid(botId)) {
    problems.push(
      `The bot id "${botId}" from ${botIdSource} is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). ` +
        "It must be the Azure Bot's Microsoft App ID (MicrosoftAppId).",
    );
  }

  const domainSource = blank(options.domain) ? "environment variable BOT_DOMAIN" : "option --domain";
  const domain = (blank(options.domain) ? fromEnvironment.domain : options.domain)?.trim();
  if (blank(domain)) {
    problems.push("The bot domain is missing: set the environment variable BOT_DOMAIN or pass --domain <host>.");
  } else if (!isBareHostName(domain)) {
    problems.push(
      `The bot domain "${domain}" from ${domainSource} is not a bare host name: ` +
        "give only the host, e.g. guestpass.example.com (no https://, port, path or wildcard).",
    );
  }

  const ssoSource = blank(options.ssoResource) ? "environment variable SSO_APP_ID_URI" : "option --sso-resource";
  const ssoResource = (blank(options.ssoResource) ? fromEnvironment.ssoResource : options.ssoResource)?.trim();
  if (!blank(ssoResource) && !blank(botId) && !isSsoResourceFor(ssoResource, botId)) {
    problems.push(
      `The SSO resource "${ssoResource}" from ${ssoSource} is not the bot's app ID URI: ` +
        `it must look like api://${blank(domain) ? "<domain>" : domain}/${botId} (the webApplicationInfo the bot's registration exposes).`,
    );
  }

  if (problems.length > 0 || blank(botId) || blank(domain)) throw new SettingsError(problems.join("\n"));
  const settings: PackageSettings = {
    botId: botId.toLowerCase(),
    domain: domain.toLowerCase(),
    out: resolve(cwd, blank(options.out) ? DEFAULT_OUT : options.out),
  };
  if (!blank(ssoResource)) settings.ssoResource = ssoResource;
  return settings;
}
