import { randomUUID } from 'node:crypto';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, JwtSigner, type JwtClaims } from './entra/jwt';
import { testServerTls } from './tls';
import { resolveClientCredential, TokenError, type RegisteredClient } from './entra/clients';
import { issueTokens } from './entra/grants';
import { closeServer } from './close-server';

export type { RegisteredClient } from './entra/clients';

/** One POST to the token endpoint, with every secret (client_secret, client_assertion, assertion) redacted. */
export interface TokenRequestRecord {
  tenantId: string;
  grantType: string;
  clientId: string;
  scope: string;
  clientAuthentication: 'client_secret' | 'client_assertion' | 'none';
  parameters: Record<string, string>;
  status: number;
  /** The OAuth error code when the request failed, e.g. `invalid_client`. */
  error?: string;
}

export interface UserTokenOptions {
  tenantId: string;
  /** The API the token is for, e.g. the bot's client id or `api://…/<clientId>` for a Teams SSO token. */
  audience: string;
  oid: string;
  upn?: string;
  name?: string;
  scopes?: string[];
  /** Negative values mint an already expired token. */
  expiresInSeconds?: number;
}

const SECRET_PARAMETERS = new Set(['client_secret', 'client_assertion', 'assertion']);
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const METADATA_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;

/**
 * A local Microsoft Entra ID token service, enough for MSAL (behind @azure/identity) with
 * `disableInstanceDiscovery: true`: OpenID metadata and the token endpoint for client
 * credentials (secret or certificate) and on-behalf-of. Served over HTTPS with the test
 * certificate, because @azure/identity refuses a plain-http authority.
 */
export class FakeEntraId {
  readonly tokenRequests: TokenRequestRecord[] = [];
  private readonly signer = new JwtSigner();
  private readonly clients: RegisteredClient[] = [];
  private server: https.Server | undefined;
  private origin: string | undefined;

  constructor(private readonly options: { tokenLifetimeSeconds?: number } = {}) {}

  /** `https://localhost:PORT`: pass as `authorityHost` (with `disableInstanceDiscovery: true`). */
  get authorityHost(): string {
    if (!this.origin) throw new Error('FakeEntraId is not started; call start() first');
    return this.origin;
  }

  registerClient(client: RegisteredClient): void {
    this.clients.push({ roles: ['User.Invite.All', 'User.Read.All'], ...client });
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = https.createServer(testServerTls(), (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await closeServer(server);
  }

  /** Payload of a token (no signature check); throws on a malformed one. */
  decode(token: string): JwtClaims {
    return decodeJwt(token).payload;
  }

  /** Issued by this fake, unexpired and, when given, for this audience (trailing slashes ignored). */
  isValidToken(token: string, expectedAudience?: string): boolean {
    if (!this.signer.verifies(token)) return false;
    const claims = this.decode(token);
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return false;
    if (expectedAudience === undefined) return true;
    const trim = (value: unknown) => String(value).replace(/\/+$/, '');
    return trim(claims.aud) === trim(expectedAudience);
  }

  /** A signed user token, e.g. the Teams SSO token a bot exchanges on-behalf-of the user. */
  issueUserToken(options: UserTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    return this.signer.sign({
      aud: options.audience,
      iss: `https://sts.windows.net/${options.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + (options.expiresInSeconds ?? 3600),
      tid: options.tenantId,
      oid: options.oid,
      sub: options.oid,
      upn: options.upn,
      preferred_username: options.upn,
      name: options.name,
      scp: (options.scopes ?? ['access_as_user']).join(' '),
      idtyp: 'user',
      ver: '1.0',
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.authorityHost).pathname;
    const metadata = METADATA_PATH.exec(path);
    if (req.method === 'GET' && metadata) return sendJson(res, 200, this.openIdConfiguration(metadata[1]!));
    const token = TOKEN_PATH.exec(path);
    if (req.method === 'POST' && token) return this.handleTokenRequest(token[1]!, await readForm(req), res);
    sendJson(res, 404, { error: 'not_found', error_description: `The fake Entra ID does not serve ${req.method} ${path}` });
  }

  private openIdConfiguration(tenant: string): Record<string, unknown> {
    const base = `${this.authorityHost}/${tenant}`;
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: 'WW',
      cloud_instance_name: 'microsoftonline.com',
    };
  }

  private handleTokenRequest(tenant: string, form: URLSearchParams, res: ServerResponse): void {
    const parameters = Object.fromEntries(
      [...form].map(([key, value]) => [key, SECRET_PARAMETERS.has(key) ? '[redacted]' : value]),
    );
    const record: TokenRequestRecord = {
      tenantId: tenant,
      grantType: form.get('grant_type') ?? '',
      clientId: form.get('client_id') ?? '',
      scope: form.get('scope') ?? '',
      clientAuthentication: form.has('client_secret')
        ? 'client_secret'
        : form.has('client_assertion')
          ? 'client_assertion'
          : 'none',
      parameters,
      status: 200,
    };
    this.tokenRequests.push(record);
    try {
      const tokenEndpoint = `${this.authorityHost}/${tenant}/oauth2/v2.0/token`;
      const client = resolveClientCredential(this.clients, tenant, form, tokenEndpoint);
      const lifetime = this.options.tokenLifetimeSeconds ?? 3600;
      const tokens = issueTokens({
        client,
        form,
        signer: this.signer,
        lifetimeSeconds: lifetime,
        issuerBase: this.authorityHost,
      });
      sendJson(res, 200, tokens);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      record.status = error.status;
      record.error = error.error;
      const traceId = randomUUID();
      const correlationId = form.get('client-request-id') ?? randomUUID();
      const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      sendJson(res, error.status, {
        error: error.error,
        // Entra appends these lines to every description; MSAL and @azure/identity show them.
        error_description:
          `AADSTS${error.aadstsCode}: ${error.description}\r\nTrace ID: ${traceId}\r\n` +
          `Correlation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
        error_codes: [error.aadstsCode],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
      });
    }
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
