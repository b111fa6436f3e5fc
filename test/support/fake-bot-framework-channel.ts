import { createHmac, createSign, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from './close-server';
import { testServerTls } from './tls';

/** The public cloud's issuer of channel tokens (botframework-connector's AuthenticationConstants). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export type ChannelKeyName = 'teams' | 'unendorsed' | 'unpublished';

export interface ChannelTokenOptions {
  /** Claims replacing (or, with `undefined`, removing) the defaults: iss, aud, serviceurl, nbf, exp. */
  claims?: Record<string, unknown>;
  /** Which key signs: `teams` (published, endorsed for msteams), `unendorsed` (published for another channel only), `unpublished` (in no JWKS). */
  key?: ChannelKeyName;
  /** The key id in the header; by default that of the signing key. */
  kid?: string;
  /** `none` writes an unsigned token; `HS256` signs with the published public key as an HMAC secret. */
  alg?: 'RS256' | 'none' | 'HS256';
}

interface ChannelKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  endorsements: string[];
}

/**
 * A stand-in for the Bot Framework channel's token issuer (login.botframework.com): the OpenID configuration and
 * the JWKS the SDK downloads over https (test CA), and tokens signed like those the Bot Connector sends to a bot:
 * RS256, `iss` https://api.botframework.com, `aud` the bot's app id, `serviceurl` the conversation's service URL,
 * keys carrying `endorsements` (the channels they may speak for), as in Microsoft's published JWKS.
 */
export class FakeBotFrameworkChannel {
  /** Paths asked for, in order (the OpenID configuration and the keys). */
  readonly requests: string[] = [];
  /** Accept connections for the metadata and never answer them. */
  hangMetadata = false;
  private readonly keys: Record<ChannelKeyName, ChannelKey> = {
    teams: newKey(['msteams', 'webchat']),
    unendorsed: newKey(['skype']),
    unpublished: newKey(['msteams']),
  };
  private server: https.Server | undefined;
  private origin: string | undefined;
  private readonly hung = new Set<ServerResponse>();

  constructor(private readonly appId: string, private readonly issuer = BOT_FRAMEWORK_ISSUER) {}

  /** Give to the bot as ToBotFromChannelOpenIdMetadataUrl. */
  get metadataUrl(): string {
    return `${this.requireOrigin()}/v1/.well-known/openidconfiguration`;
  }

  /**
   * A single-tenant bot identity that trusts this channel's keys and gets its own tokens from `authorityHost` (a
   * local Entra ID stand-in, reached without instance discovery): the variables a production bot is started with.
   */
  botIdentityEnv(password: string, tenantId: string, authorityHost: string): Record<string, string> {
    return {
      MicrosoftAppId: this.appId,
      MicrosoftAppPassword: password,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: tenantId,
      ToBotFromChannelOpenIdMetadataUrl: this.metadataUrl,
      ToChannelFromBotLoginUrl: `${authorityHost}/${tenantId}`,
      ValidateAuthority: 'false',
    };
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = https.createServer(testServerTls(), (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await closeServer(server);
  }

  /** The key id of a key, e.g. to put a published key's id on a token another key signed. */
  keyId(name: ChannelKeyName): string {
    return this.keys[name].kid;
  }

  /** A channel token for an activity sent to `serviceUrl`, valid now unless the options say otherwise. */
  token(serviceUrl: string, options: ChannelTokenOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
      iss: this.issuer,
      aud: this.appId,
      ...options.claims,
    };
    const key = this.keys[options.key ?? 'teams'];
    const alg = options.alg ?? 'RS256';
    const header = { alg, typ: 'JWT', kid: options.kid ?? key.kid, x5t: key.kid };
    const signingInput = `${base64Url(header)}.${base64Url(withoutUndefined(claims))}`;
    if (alg === 'none') return `${signingInput}.`;
    if (alg === 'HS256') {
      const secret = key.publicKey.export({ type: 'spki', format: 'pem' });
      return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
    }
    const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey).toString('base64url');
    return `${signingInput}.${signature}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'https://channel.invalid').pathname;
    this.requests.push(path);
    if (this.hangMetadata) {
      this.hung.add(res);
      return;
    }
    if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
      return sendJson(res, 200, {
        issuer: this.issuer,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${this.requireOrigin()}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && path === '/v1/.well-known/keys') {
      const published = [this.keys.teams, this.keys.unendorsed];
      return sendJson(res, 200, { keys: published.map(publicJwk) });
    }
    sendJson(res, 404, { error: `no ${req.method} ${path} here` });
  }

  private requireOrigin(): string {
    if (!this.origin) throw new Error('FakeBotFrameworkChannel is not started; call start() first');
    return this.origin;
  }
}

function newKey(endorsements: string[]): ChannelKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(12).toString('base64url'), privateKey, publicKey, endorsements };
}

/** A key as the Bot Framework's JWKS lists it: kty, use, kid, n, e and the channels it endorses. */
function publicJwk(key: ChannelKey): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, x5t: key.kid, n, e, endorsements: key.endorsements };
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
