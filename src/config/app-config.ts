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
}

export interface GraphConfig {
  baseUrl: string;
  authorityHost: string;
  credential: GraphCredentialConfig;
  timeoutSeconds: number;
  maxRetries: number;
}

export interface InvitationConfig {
  defaultRedirectUrl: string;
  maxMessageLength: number;
  verifiedDomainsCacheSeconds: number;
}

/** Where requests, conversations and the audit trail live. */
export type StoreConfig =
  /** One instance: an SQLite file in the data folder. */
  | { kind: 'sqlite'; filePath: string }
  /** Several instances: Azure Table Storage or Cosmos DB for Table, by connection string or account URL + credential. */
  | { kind: 'table'; connectionString?: string; accountUrl?: string; tablePrefix: string }
  /** Nothing kept across restarts (tests, demos). */
  | { kind: 'memory' };

export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  port: number;
  host?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bot: BotIdentityConfig;
  graph: GraphConfig;
  invitations: InvitationConfig;
  dataDir: string;
  policyFile?: string;
  store: StoreConfig;
  /** How often the redemption watcher checks pending guests invited through GuestPass. */
  redemptionCheckMinutes: number;
  /** The tenant whose directory GuestPass manages; activities from any other tenant are refused. */
  tenantId?: string;
}
