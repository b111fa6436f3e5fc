import { z } from 'zod';
import { GRAPH_INVITATION_PACING } from '../bulk/bottleneck-pacer';

/**
 * The environment variables GuestPass reads, and how each is validated.
 * Names follow the conventions of the Bot Framework (`MicrosoftApp*`) and of
 * @azure/identity (`AZURE_*`) so that an App Service configured for either works unchanged.
 */

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID such as 00000000-0000-0000-0000-000000000000');

const optionalGuid = z.preprocess((value) => (value === '' ? undefined : value), guid.optional());

/** A Bot Framework endpoint or issuer, kept exactly as given (an issuer is compared character for character). */
const httpsUrlAsGiven = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute https:// URL');

/** An https base URL, without the trailing slashes that would double those of the paths appended to it. */
const httpsUrl = httpsUrlAsGiven.transform((value) => value.replace(/\/+$/, ''));

/** https, or plain http to this machine only (a local stand-in of the Bot Framework token service in tests). */
const serviceUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
    } catch {
      return false;
    }
  }, 'must be an absolute https:// URL (http:// only to localhost)')
  .transform((value) => value.replace(/\/+$/, ''));

const optionalSetting = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The app ID URI Teams SSO tokens are issued for: `api://<domain>/<app id>`, `api://<domain>/botid-<app id>`… */
const appIdUri = z
  .string()
  .trim()
  .regex(/^api:\/\/[^\s]+$/, 'must be an app ID URI such as api://guestpass.contoso.com/00000000-0000-0000-0000-000000000000')
  .transform((value) => value.replace(/\/+$/, ''));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = (fallback: number, max: number) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? fallback : Number(value)),
    z.number().int().min(1).max(max),
  );

/** OpenTelemetry's comma-separated exporter list; of its values GuestPass offers these. */
const telemetryExporters = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const names = value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
    const unknown = names.filter((name) => !['otlp', 'console', 'none'].includes(name));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown exporter ${unknown.join(', ')}: use otlp, console or none` });
    return names.filter((name): name is 'otlp' | 'console' => name !== 'none');
  });

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.preprocess(
    (value) => (value === undefined || value === '' ? 3978 : Number(value)),
    z.number().int().min(0).max(65535),
  ),
  HOST: optionalText,
  /** Slow clients are cut within a minute: a Bot Connector request arrives in milliseconds. */
  HTTP_HEADERS_TIMEOUT_SECONDS: positiveInt(20, 60),
  HTTP_REQUEST_TIMEOUT_SECONDS: positiveInt(30, 60),
  /** Longer than the 4-minute idle timeout of Azure's load balancers, so the front end closes idle connections first. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: positiveInt(245, 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  MicrosoftAppId: optionalGuid,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalGuid,
  /**
   * The Bot Framework endpoints that differ by cloud, under the SDK's own names. Unset ones come from the cloud
   * ChannelService names (public when unset); see README (National clouds).
   */
  ChannelService: optionalSetting(httpsUrl),
  ToBotFromChannelOpenIdMetadataUrl: optionalSetting(httpsUrl),
  ToBotFromChannelTokenIssuer: optionalSetting(httpsUrlAsGiven),
  ToBotFromEmulatorOpenIdMetadataUrl: optionalSetting(httpsUrl),
  ToChannelFromBotLoginUrl: optionalSetting(
    httpsUrl.refine((value) => /^https:\/\/[^/]+\/[^/]+$/.test(value), 'must be the login authority and a tenant, such as https://login.microsoftonline.us/<tenant id>'),
  ),
  ToChannelFromBotOAuthScope: optionalSetting(z.string().trim().min(1)),
  OAuthUrl: optionalSetting(serviceUrl),
  ValidateAuthority: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
    z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  ),
  BOT_DOMAIN: z
    .string()
    .trim()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a bare host name such as guestpass.azurewebsites.net')
    .optional(),

  AZURE_TENANT_ID: optionalGuid,
  AZURE_CLIENT_ID: optionalGuid,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: optionalText,
  AZURE_USE_MANAGED_IDENTITY: booleanFlag,
  IDENTITY_ENDPOINT: optionalText,
  AZURE_AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
  GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com'),
  GRAPH_TIMEOUT_SECONDS: positiveInt(30, 600),
  GRAPH_MAX_RETRIES: z.preprocess(
    (value) => (value === undefined || value === '' ? 3 : Number(value)),
    z.number().int().min(0).max(10),
  ),
  /** Whose authority Graph calls carry: the app's own, or the requesting person's (Teams single sign-on). */
  GRAPH_AUTH_MODE: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['app', 'delegated', 'delegated-app-lookups']).default('app'),
  ),
  SSO_CONNECTION_NAME: optionalText,
  SSO_APP_ID_URI: z.preprocess((value) => (value === '' ? undefined : value), appIdUri.optional()),
  /** Earlier name of OAuthUrl, still accepted. */
  BOT_OAUTH_URL: optionalSetting(serviceUrl),
  /** GuestPass's id in the tenant's Teams app catalog; looked up by the manifest id when unset. */
  TEAMS_APP_CATALOG_ID: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be the id of the app in the Teams app catalog').optional()),

  DEFAULT_REDIRECT_URL: httpsUrl.default('https://myapps.microsoft.com'),
  INVITE_MESSAGE_MAX_LENGTH: positiveInt(1000, 10000),
  VERIFIED_DOMAINS_CACHE_SECONDS: positiveInt(3600, 86400),

  DATA_DIR: z.string().trim().min(1).default('./data'),
  POLICY_FILE: optionalText,

  STORE: z.enum(['sqlite', 'table', 'memory']).default('sqlite'),
  SQLITE_SYNCHRONOUS: z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined),
    z.enum(['normal', 'full']).default('normal'),
  ),
  AZURE_TABLES_CONNECTION_STRING: optionalText,
  AZURE_TABLES_ACCOUNT_URL: httpsUrl.optional(),
  AZURE_TABLES_TABLE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, 'must start with a letter and have at most 20 letters and digits')
    .default('GuestPass'),

  REDEMPTION_CHECK_MINUTES: positiveInt(15, 24 * 60),
  LIFECYCLE_INTERVAL_MINUTES: positiveInt(60, 7 * 24 * 60),
  /** Replaces the cloud's SharePoint/OneDrive hosts for bulk files (read by `parseFileHostPatterns`). */
  BULK_FILE_HOSTS: optionalText,
  /** Unset: all of Graph's budget (GRAPH_INVITATION_PACING); never more, since Graph refuses what is over it. */
  BULK_INVITATIONS_PER_5_SECONDS: optionalSetting(z.coerce.number().int().min(1).max(GRAPH_INVITATION_PACING.requestsPerWindow)),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(10, 300),

  // Telemetry (off unless one is set). The OpenTelemetry exporters read the other OTEL_* variables themselves.
  OTEL_TRACES_EXPORTER: telemetryExporters,
  OTEL_METRICS_EXPORTER: telemetryExporters,
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().trim().url().optional().or(z.literal('').transform(() => undefined)),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
});

export type Environment = z.infer<typeof environmentSchema>;
