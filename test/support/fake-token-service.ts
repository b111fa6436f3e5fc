import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework token service (what `OAuthUrl` points at: api.botframework.com in
 * production): per-user token store for an OAuth connection, Teams SSO token exchange, magic-code sign-in and
 * sign-in resources. The bot reaches it through botbuilder's real UserTokenClient.
 */
export interface TokenServiceOptions {
  /** Whether an SSO token Teams hands over may be exchanged (e.g. audience and signature checks). */
  acceptExchange: (token: string) => boolean;
  /** The app ID URI Teams SSO tokens are for (`api://<domain>/<app id>`), returned as the exchange resource. */
  exchangeResourceUri: string;
}

export interface TokenServiceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

export class FakeTokenService {
  readonly requests: TokenServiceRequest[] = [];
  /** Tokens held per `userId|connectionName`, as the real service keeps (and refreshes) them. */
  private readonly tokens = new Map<string, string>();
  /** Magic codes handed out by the fallback sign-in page, and the token each one redeems. */
  private readonly magicCodes = new Map<string, string>();
  private server?: http.Server;
  private origin?: string;

  constructor(private readonly options: TokenServiceOptions) {}

  /** Give to the bot as `OAuthUrl`. */
  get url(): string {
    if (!this.origin) throw new Error('FakeTokenService is not started');
    return this.origin;
  }

  /** As if the user had completed the sign-in page: returns the magic code Teams would send in `signin/verifyState`. */
  completeSignIn(token: string): string {
    const code = String(100000 + Math.floor(Math.random() * 899999));
    this.magicCodes.set(code, token);
    return code;
  }

  hasToken(userId: string, connectionName: string): boolean {
    return this.tokens.has(`${userId}|${connectionName}`);
  }

  signOutEveryone(): void {
    this.tokens.clear();
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = url.searchParams;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query });
    const body = await readJson(req);
    const key = `${query.get('userId')}|${query.get('connectionName')}`;
    const answer = (status: number, value?: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    const tokenResponse = (token: string) => ({
      channelId: query.get('channelId'),
      connectionName: query.get('connectionName'),
      token,
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    });

    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/usertoken/GetToken': {
        const code = query.get('code');
        if (code && this.magicCodes.has(code)) {
          this.tokens.set(key, this.magicCodes.get(code)!);
          this.magicCodes.delete(code);
        }
        const token = this.tokens.get(key);
        return token ? answer(200, tokenResponse(token)) : answer(404);
      }
      case 'POST /api/usertoken/exchange': {
        const token = typeof (body as { token?: unknown })?.token === 'string' ? (body as { token: string }).token : '';
        if (!token || !this.options.acceptExchange(token)) {
          return answer(400, { error: { code: 'ExchangeFailed', message: 'The token could not be exchanged' } });
        }
        this.tokens.set(key, token);
        return answer(200, tokenResponse(token));
      }
      case 'DELETE /api/usertoken/SignOut':
        this.tokens.delete(key);
        return answer(200, {});
      case 'GET /api/botsignin/GetSignInResource':
        return answer(200, {
          signInLink: `${this.origin}/signin?state=${encodeURIComponent(query.get('state') ?? '')}`,
          tokenExchangeResource: { id: randomUUID(), uri: this.options.exchangeResourceUri, providerId: 'aad' },
        });
      default:
        return answer(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
    }
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
