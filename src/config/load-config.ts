import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileHostsForGraph, FileHostPattern, parseFileHostPatterns } from '../bulk/file-hosts';
import { AppConfig, BotChannelSettings, CHANNEL_ENDPOINT_SETTINGS, GraphCredentialConfig, StoreConfig, TelemetryConfig, US_GOVERNMENT_CHANNEL_SERVICE } from './app-config';
import { chooseGraphAuth } from './graph-auth';
import { Environment, environmentSchema } from './schema';

/** Raised when the environment cannot make a working configuration; the message names the variables. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads and validates the configuration. `env` defaults to `process.env` (after loading `.env`
 * when present); tests pass their own object.
 */
export function loadConfig(env: NodeJS.ProcessEnv = readProcessEnvironment()): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const vars = parsed.data;
  const problems: string[] = [];
  const credential = chooseGraphCredential(vars, problems);
  const auth = chooseGraphAuth(vars, credential, problems);
  checkBotIdentity(vars, problems);
  checkHttpTimeouts(vars, problems);
  const channel = chooseBotChannel(vars, problems);
  const store = chooseStore(vars, problems);
  const bulkFileHosts = chooseBulkFileHosts(vars, problems);
  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    environment: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    httpTimeouts: {
      headersSeconds: vars.HTTP_HEADERS_TIMEOUT_SECONDS,
      requestSeconds: vars.HTTP_REQUEST_TIMEOUT_SECONDS,
      keepAliveSeconds: vars.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS,
    },
    logLevel: vars.LOG_LEVEL,
    bot: {
      appId: vars.MicrosoftAppId,
      appPassword: vars.MicrosoftAppPassword,
      appType: vars.MicrosoftAppType,
      tenantId: vars.MicrosoftAppTenantId,
      domain: vars.BOT_DOMAIN,
      localDevelopment: vars.MicrosoftAppId === undefined,
      channel,
      ssoAppIdUri: vars.SSO_APP_ID_URI,
      catalogAppId: vars.TEAMS_APP_CATALOG_ID,
    },
    graph: {
      baseUrl: vars.GRAPH_BASE_URL,
      authorityHost: vars.AZURE_AUTHORITY_HOST,
      credential,
      auth,
      timeoutSeconds: vars.GRAPH_TIMEOUT_SECONDS,
      maxRetries: vars.GRAPH_MAX_RETRIES,
    },
    invitations: {
      defaultRedirectUrl: vars.DEFAULT_REDIRECT_URL,
      maxMessageLength: vars.INVITE_MESSAGE_MAX_LENGTH,
      verifiedDomainsCacheSeconds: vars.VERIFIED_DOMAINS_CACHE_SECONDS,
    },
    dataDir: vars.DATA_DIR,
    sandboxDirectoryFile: vars.STORE === 'memory' ? undefined : join(vars.DATA_DIR, 'sandbox-directory.json'),
    policyFile: vars.POLICY_FILE,
    store,
    redemptionCheckMinutes: vars.REDEMPTION_CHECK_MINUTES,
    lifecycleIntervalMinutes: vars.LIFECYCLE_INTERVAL_MINUTES,
    bulkFileHosts,
    bulkInvitationsPer5Seconds: vars.BULK_INVITATIONS_PER_5_SECONDS,
    shutdownTimeoutSeconds: vars.SHUTDOWN_TIMEOUT_SECONDS,
    telemetry: telemetryConfig(vars),
    tenantId: vars.AZURE_TENANT_ID ?? vars.MicrosoftAppTenantId,
  };
}

function chooseBulkFileHosts(vars: Environment, problems: string[]): FileHostPattern[] {
  if (vars.BULK_FILE_HOSTS === undefined) return fileHostsForGraph(vars.GRAPH_BASE_URL);
  const parsed = parseFileHostPatterns(vars.BULK_FILE_HOSTS);
  problems.push(...parsed.problems.map((problem) => `BULK_FILE_HOSTS: ${problem}`));
  return parsed.patterns;
}

/**
 * Telemetry is on when an exporter is named (OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER), an OTLP endpoint is set
 * (then both go over OTLP unless named otherwise), or an Application Insights connection string is set.
 */
function telemetryConfig(vars: Environment): TelemetryConfig | undefined {
  const otlpByDefault = vars.OTEL_EXPORTER_OTLP_ENDPOINT ? (['otlp'] as const) : [];
  const traces = vars.OTEL_TRACES_EXPORTER ?? [...otlpByDefault];
  const metrics = vars.OTEL_METRICS_EXPORTER ?? [...otlpByDefault];
  const azureMonitorConnectionString = vars.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (traces.length === 0 && metrics.length === 0 && !azureMonitorConnectionString) return undefined;
  return { traces, metrics, azureMonitorConnectionString };
}

/** The one place that touches `process.env`; `.env` is optional and never overrides real variables. */
function readProcessEnvironment(): NodeJS.ProcessEnv {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

function chooseGraphCredential(vars: Environment, problems: string[]): GraphCredentialConfig {
  const tenantId = vars.AZURE_TENANT_ID;
  const clientId = vars.AZURE_CLIENT_ID;
  if (vars.AZURE_CLIENT_SECRET !== undefined || vars.AZURE_CLIENT_CERTIFICATE_PATH !== undefined) {
    if (!tenantId) problems.push('AZURE_TENANT_ID: required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
    if (!clientId) problems.push('AZURE_CLIENT_ID: required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH');
    if (!tenantId || !clientId) return { kind: 'sandbox' };
    if (vars.AZURE_CLIENT_SECRET !== undefined) {
      return { kind: 'clientSecret', tenantId, clientId, clientSecret: vars.AZURE_CLIENT_SECRET };
    }
    const certificatePath = vars.AZURE_CLIENT_CERTIFICATE_PATH as string;
    if (!existsSync(certificatePath)) {
      problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: no file at ${certificatePath}`);
    }
    return {
      kind: 'clientCertificate',
      tenantId,
      clientId,
      certificatePath,
      certificatePassword: vars.AZURE_CLIENT_CERTIFICATE_PASSWORD,
    };
  }
  // App Service and Functions set IDENTITY_ENDPOINT when a managed identity is assigned.
  if (vars.AZURE_USE_MANAGED_IDENTITY || vars.IDENTITY_ENDPOINT !== undefined) {
    if (!tenantId) problems.push('AZURE_TENANT_ID: required with a managed identity (the tenant whose guests are managed)');
    return { kind: 'managedIdentity', clientId };
  }
  if (vars.NODE_ENV === 'production') {
    problems.push(
      'Graph credentials: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), ' +
        'or AZURE_USE_MANAGED_IDENTITY=true; the simulated directory is not available when NODE_ENV=production',
    );
  }
  return { kind: 'sandbox' };
}

function chooseStore(vars: Environment, problems: string[]): StoreConfig {
  switch (vars.STORE) {
    case 'memory':
      return { kind: 'memory' };
    case 'sqlite':
      return { kind: 'sqlite', filePath: join(vars.DATA_DIR, 'guestpass.sqlite'), synchronous: vars.SQLITE_SYNCHRONOUS };
    case 'table':
      if (!vars.AZURE_TABLES_CONNECTION_STRING && !vars.AZURE_TABLES_ACCOUNT_URL) {
        problems.push('AZURE_TABLES_CONNECTION_STRING or AZURE_TABLES_ACCOUNT_URL: one is required with STORE=table');
      }
      return {
        kind: 'table',
        connectionString: vars.AZURE_TABLES_CONNECTION_STRING,
        accountUrl: vars.AZURE_TABLES_ACCOUNT_URL,
        tablePrefix: vars.AZURE_TABLES_TABLE_PREFIX,
      };
  }
}

/** The headers are part of the request: Node refuses a headers deadline later than the request's. */
function checkHttpTimeouts(vars: Environment, problems: string[]): void {
  if (vars.HTTP_HEADERS_TIMEOUT_SECONDS > vars.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
  }
}

/** Only what the operator set, so that the SDK keeps its own constants for everything else. */
function chooseBotChannel(vars: Environment, problems: string[]): BotChannelSettings {
  if (vars.OAuthUrl !== undefined && vars.BOT_OAUTH_URL !== undefined && vars.OAuthUrl !== vars.BOT_OAUTH_URL) {
    problems.push('BOT_OAUTH_URL: differs from OAuthUrl; BOT_OAUTH_URL is the earlier name of OAuthUrl, set only one');
  }
  const settings: BotChannelSettings = {
    ChannelService: vars.ChannelService,
    ToBotFromChannelOpenIdMetadataUrl: vars.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: vars.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: vars.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: vars.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: vars.ToChannelFromBotOAuthScope,
    OAuthUrl: vars.OAuthUrl ?? vars.BOT_OAUTH_URL,
    ValidateAuthority: vars.ValidateAuthority,
  };
  const service = settings.ChannelService;
  if (service !== undefined && service !== US_GOVERNMENT_CHANNEL_SERVICE) {
    const missing = CHANNEL_ENDPOINT_SETTINGS.filter((name) => settings[name] === undefined);
    if (missing.length > 0) {
      problems.push(
        `ChannelService: ${service} is not a cloud the Bot Framework SDK has built-in endpoints for ` +
          `(unset for the public cloud, ${US_GOVERNMENT_CHANNEL_SERVICE} for US Government); ` +
          `with it, also set ${missing.join(', ')} (README, National clouds)`,
      );
    }
  }
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as BotChannelSettings;
}

function checkBotIdentity(vars: Environment, problems: string[]): void {
  if (vars.MicrosoftAppId === undefined) {
    if (vars.NODE_ENV === 'production') {
      problems.push('MicrosoftAppId: required when NODE_ENV=production (without it the bot accepts unauthenticated requests)');
    }
    return;
  }
  if (vars.MicrosoftAppType !== 'UserAssignedMSI' && vars.MicrosoftAppPassword === undefined) {
    problems.push(`MicrosoftAppPassword: required with MicrosoftAppType=${vars.MicrosoftAppType}`);
  }
  if (vars.MicrosoftAppType !== 'MultiTenant' && vars.MicrosoftAppTenantId === undefined) {
    problems.push(`MicrosoftAppTenantId: required with MicrosoftAppType=${vars.MicrosoftAppType}`);
  }
}
