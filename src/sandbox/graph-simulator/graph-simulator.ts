import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SimulatedDirectory, type DirectorySeed } from './directory';
import { DirectoryFile } from './directory-file';
import { FaultInjector, matches, type FaultMatch, type FaultResponse, type RandomFaultOptions } from './faults';
import { RequestPipeline, type IncomingRequest, type RecordedRequest } from './pipeline';

export interface GraphSimulatorOptions {
  seed: DirectorySeed;
  /** When set, a request without an acceptable `Authorization: Bearer` token gets 401 InvalidAuthenticationToken. */
  acceptToken?: (bearerToken: string) => boolean;
  /** Clock for timestamps (createdDateTime, externalUserStateChangeDateTime, error dates). */
  now?: () => Date;
  /** Host of the `inviteRedeemUrl`s handed out; `login.microsoftonline.com` by default. */
  redeemHost?: string;
  /**
   * Keep the directory in this JSON file, shared with every other simulator given the same file (another process):
   * the seed only fills a file that does not exist yet. See `DirectoryFile`.
   */
  stateFile?: string;
}

export interface ListenOptions {
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** 0 (any free port) by default. */
  port?: number;
  /** Serve HTTPS with this key and certificate (the Graph SDK only sends tokens over https). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface RunningGraphSimulator {
  /** Origin without version, e.g. `https://localhost:51234`: what the Graph client takes as `baseUrl`. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A stand-in for Microsoft Graph v1.0 that serves the calls GuestPass makes (users lookup,
 * invitations, group and team membership, sponsors, JSON batching) from an in-memory
 * directory, over real HTTP so the real Graph SDK can talk to it.
 */
export class GraphSimulator {
  /** Every request received, in order (JSON-batch items follow their `$batch` request). */
  readonly requests: RecordedRequest[] = [];
  /** The mutable in-memory state. */
  readonly directory: SimulatedDirectory;
  private readonly faults = new FaultInjector();
  private readonly pipeline: RequestPipeline;
  private readonly file: DirectoryFile | undefined;
  /** Responses held open by `hang` faults, released when a server this simulator started closes. */
  private readonly hangingResponses = new Set<http.ServerResponse>();
  private readonly holds = new Set<{ match: FaultMatch; released: Promise<void> }>();

  constructor(options: GraphSimulatorOptions) {
    const now = options.now ?? (() => new Date());
    this.directory = new SimulatedDirectory(options.seed, now);
    this.pipeline = new RequestPipeline({
      directory: this.directory,
      faults: this.faults,
      now,
      redeemHost: options.redeemHost ?? 'login.microsoftonline.com',
      ...(options.acceptToken ? { acceptToken: options.acceptToken } : {}),
      record: (request) => this.requests.push(request),
    });
    this.file = options.stateFile ? new DirectoryFile(options.stateFile, this.directory) : undefined;
  }

  /** Recorded requests with this method whose path starts with `pathPrefix` (e.g. `/v1.0/invitations`). */
  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.method.toUpperCase() === method.toUpperCase() && request.path.startsWith(pathPrefix),
    );
  }

  /** Answers the next `times` matching requests with `response` instead of handling them (FIFO). */
  enqueueFault(match: FaultMatch, response: FaultResponse, times = 1): void {
    this.faults.enqueue(match, response, times);
  }

  /**
   * Keeps matching requests waiting, before they are recorded or handled, until the returned function is called:
   * lets a test line up what happens while a call is in flight (e.g. a second request arriving meanwhile).
   */
  hold(match: FaultMatch): () => void {
    let release!: () => void;
    const hold = { match, released: new Promise<void>((resolve) => (release = resolve)) };
    this.holds.add(hold);
    return () => {
      this.holds.delete(hold);
      release();
    };
  }

  /** Fails a random share of requests; `null` turns it off. */
  setRandomFaults(options: RandomFaultOptions | null): void {
    this.faults.setRandom(options);
  }

  /** Mountable on any http/https server. */
  readonly listener: http.RequestListener = (req, res) => {
    this.serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`Graph simulator failure: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  async listen(options: ListenOptions = {}): Promise<RunningGraphSimulator> {
    const server = options.tls
      ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, this.listener)
      : http.createServer(this.listener);
    const bindHost = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, bindHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    // The test certificate names localhost; a wildcard bind address is reached over loopback.
    const urlHost = options.tls ? 'localhost' : bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost;
    return {
      url: `${options.tls ? 'https' : 'http'}://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`,
      close: () => this.closeServer(server),
    };
  }

  private async closeServer(server: http.Server | https.Server): Promise<void> {
    for (const response of this.hangingResponses) response.destroy();
    this.hangingResponses.clear();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets from the SDKs would otherwise hold close() open.
      server.closeAllConnections();
    });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    const origin = `${scheme}://${req.headers.host ?? 'localhost'}`;
    const url = new URL(req.url ?? '/', origin);
    const request: IncomingRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: undefined,
      origin,
    };
    const text = await readBody(req);
    if (text === null) {
      res.writeHead(413, { 'Content-Type': 'text/plain' }).end('Request body too large');
      return;
    }
    if (text.trim() !== '') {
      try {
        request.body = JSON.parse(text);
      } catch {
        request.body = text;
        request.invalidJson = true;
      }
    }
    for (const hold of [...this.holds]) if (matches(hold.match, request.method, request.path)) await hold.released;
    const outcome = await (this.file ? this.file.transaction(() => this.pipeline.handle(request)) : this.pipeline.handle(request));
    if ('kind' in outcome) {
      if (outcome.kind === 'reset') {
        req.socket.destroy();
      } else {
        this.hangingResponses.add(res);
        res.once('close', () => this.hangingResponses.delete(res));
      }
      return;
    }
    res.writeHead(outcome.status, outcome.headers);
    res.end(outcome.body === undefined ? undefined : JSON.stringify(outcome.body));
  }
}

/** The body as text, or null when it exceeds the size limit. */
async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
