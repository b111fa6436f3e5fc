import type { FileHostPattern } from '../bulk/file-hosts';

/** The typed configuration the rest of GuestPass receives; only `src/config` builds it. */

export type GraphCredentialConfig =
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'clientCertificate'; tenantId: string; clientId: string; certificatePath: string; certificatePassword?: string }
  | { kind: 'managedIdentity'; clientId?: string }
  /** No tenant configured: the bot runs against the built-in simulated directory. */
  | { kind: 'sandbox' };

export interface BotIdentityConfig {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Public host name of the bot, used for the app package's validDomains. */
  domain?: string;
  /** No bot identity configured: the Bot Framework adapter accepts unauthenticated requests (local testing only). */
  localDevelopment: boolean;
  /** The Bot Framework endpoints the operator set (national clouds, data residency); unset ones are the cloud's. */
  channel: BotChannelSettings;
  /** The app ID URI Teams single sign-on tokens are for (the manifest's webApplicationInfo.resource). */
  ssoAppIdUri?: string;
  /** GuestPass's id in the tenant's Teams app catalog (to install itself for approvers); looked up when unset. */
  catalogAppId?: string;
}

/**
 * The Bot Framework endpoints that differ by cloud, under the SDK's own names, holding only what was set. The cloud
 * is chosen by `ChannelService` (unset: the public cloud; `https://botframework.azure.us`: US Government); any
 * endpoint not set is that cloud's. Another `ChannelService` (Azure operated by 21Vianet) names no built-in cloud,
 * so each endpoint must be given.
 */
export interface BotChannelSettings {
  ChannelService?: string;
  /** Where the channel's signing keys are published (inbound tokens). */
  ToBotFromChannelOpenIdMetadataUrl?: string;
  /** The `iss` of the channel's tokens. */
  ToBotFromChannelTokenIssuer?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  /** The Entra ID authority (with tenant) the bot gets its outbound token from. */
  ToChannelFromBotLoginUrl?: string;
  /** The audience of the bot's outbound token. */
  ToChannelFromBotOAuthScope?: string;
  /** The Bot Framework token service, which keeps signed-in people's tokens (delegated modes). */
  OAuthUrl?: string;
  /** False: trust ToChannelFromBotLoginUrl as configured instead of asking Entra ID's instance discovery about it. */
  ValidateAuthority?: boolean;
}

/** The ChannelService value of US Government (GCC High, DoD), the one besides the public cloud the SDK ships. */
export const US_GOVERNMENT_CHANNEL_SERVICE = 'https://botframework.azure.us';

/** The endpoints a ChannelService the SDK has no constants for must be given. */
export const CHANNEL_ENDPOINT_SETTINGS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
] as const;

/**
 * Whose authority Graph calls carry. `app`: the app's own (application permissions). `delegated`: the person who
 * asked, through Teams single sign-on and the on-behalf-of grant, for every directory call made for them.
 * `delegated-app-lookups`: the person's for changes (invitations, resend, link, reset, group additions), the
 * app's for read-only lookups.
 */
export type GraphAuthMode = 'app' | 'delegated' | 'delegated-app-lookups';

export type GraphAuthConfig =
  | { mode: 'app' }
  /** `connectionName`: the Azure Bot's OAuth connection whose token is exchanged on-behalf-of the person. */
  | { mode: 'delegated' | 'delegated-app-lookups'; connectionName: string };

export interface GraphConfig {
  baseUrl: string;
  authorityHost: string;
  credential: GraphCredentialConfig;
  auth: GraphAuthConfig;
  timeoutSeconds: number;
  maxRetries: number;
}

export interface InvitationConfig {
  defaultRedirectUrl: string;
  maxMessageLength: number;
  verifiedDomainsCacheSeconds: number;
}

/** How long an HTTP client may take, in seconds (see HTTP_*_TIMEOUT_SECONDS). */
export interface HttpTimeoutsConfig {
  /** From a request's first byte (or a new connection) to the end of its headers. */
  headersSeconds: number;
  /** From a request's first byte to the end of its body; the turn that follows is not limited by it. */
  requestSeconds: number;
  /** How long an idle connection is kept open after an answer, for the next request. */
  keepAliveSeconds: number;
}

/**
 * When an SQLite commit reaches the disk. `normal` (SQLite's advice for WAL, and the default): commits survive a
 * crash or kill of the process; a power loss or OS crash may roll back the last few. `full`: every commit is
 * flushed to the disk before it returns, which also survives power loss and costs a disk flush per write.
 */
export type SqliteSynchronous = 'normal' | 'full';

/** Where requests, conversations and the audit trail live. */
export type StoreConfig =
  /** One instance: an SQLite file in the data folder. */
  | { kind: 'sqlite'; filePath: string; synchronous?: SqliteSynchronous }
  /** Several instances: Azure Table Storage or Cosmos DB for Table, by connection string or account URL + credential. */
  | { kind: 'table'; connectionString?: string; accountUrl?: string; tablePrefix: string }
  /** Nothing kept across restarts (tests, demos). */
  | { kind: 'memory' };

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  port: number;
  host?: string;
  httpTimeouts: HttpTimeoutsConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bot: BotIdentityConfig;
  graph: GraphConfig;
  invitations: InvitationConfig;
  dataDir: string;
  /**
   * Where the sandbox (no tenant configured) keeps its simulated directory, shared by the bot and every command of
   * the command line; unset with STORE=memory, where nothing outlives the process.
   */
  sandboxDirectoryFile?: string;
  policyFile?: string;
  store: StoreConfig;
  /** How often the redemption watcher checks pending guests invited through GuestPass. */
  redemptionCheckMinutes: number;
  /** How often the guest lifecycle runs (reviews, reminders, disabling and deleting guests per the policy). */
  lifecycleIntervalMinutes: number;
  /** The only hosts bulk files sent in Teams are downloaded from, and result files uploaded to. */
  bulkFileHosts: FileHostPattern[];
  /** Bulk invitations per 5 s, all instances on the store together; unset: Graph's whole budget. */
  bulkInvitationsPer5Seconds?: number;
  /** How long a shutdown (SIGTERM, SIGINT) may take before the process exits regardless. */
  shutdownTimeoutSeconds: number;
  /** Traces and metrics, when any exporter is configured; undefined means off (nothing loaded, nothing recorded). */
  telemetry?: TelemetryConfig;
  /** The tenant whose directory GuestPass manages; activities from any other tenant are refused. */
  tenantId?: string;
}

export type TelemetryExporter = 'otlp' | 'console';

export interface TelemetryConfig {
  traces: TelemetryExporter[];
  metrics: TelemetryExporter[];
  /** Application Insights (Azure Monitor) receives traces and metrics too. */
  azureMonitorConnectionString?: string;
}
