import type { IncomingMessage } from 'node:http';
import { createGunzip, Gunzip } from 'node:zlib';
import type { Next, Request, RequestHandler, Response } from 'restify';

/**
 * The largest activity the messaging endpoint reads, after inflation. Teams caps a message at about 28 KB and an
 * Adaptive Card payload well below this; what is larger is not an activity.
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * The deepest nesting of objects and arrays read. An activity nests a dozen levels, a card's submitted data a few
 * more; JSON.parse takes twenty times longer over a body of nothing but brackets than over an ordinary one of
 * the same size, and that before anyone is authenticated.
 */
export const MAX_JSON_DEPTH = 100;

/** Content codings GuestPass inflates; `x-gzip` is gzip's older name (RFC 9110 §8.4.1.3). */
const INFLATED = new Set(['gzip', 'x-gzip']);
const IDENTITY = new Set(['', 'identity']);

type Refusal = 400 | 413 | 415;

export interface JsonBodyOptions {
  maxBytes?: number;
  /** Hears each refusal, e.g. to log it; the client hears only the status. */
  onRefused?: (status: Refusal, req: Request) => void;
}

/**
 * Reads the messaging endpoint's body as JSON, bounded before anyone is authenticated. restify's own bodyReader
 * counts a gzip body's compressed bytes and inflates all of it into memory, and its bodyParser hands multipart to
 * formidable, which writes files to the temp folder; so this reads only JSON, counts the bytes that arrive and the
 * bytes that gzip inflates to, and stops inflating at the limit. Refusals carry a status and nothing else: the
 * caller is not known yet.
 */
export function jsonBody({ maxBytes = MAX_JSON_BODY_BYTES, onRefused }: JsonBodyOptions = {}): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const refuse = (status: Refusal, headers: Record<string, string> = {}) => {
      onRefused?.(status, req);
      // The unread rest of a body is not worth keeping the connection for: close it rather than read on.
      if (!req.complete) res.setHeader('Connection', 'close');
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.send(status);
      next(false);
    };

    if (!isJson(req.headers['content-type'])) return refuse(415, { Accept: 'application/json' });
    const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
    const inflate = INFLATED.has(encoding);
    if (!inflate && !IDENTITY.has(encoding)) return refuse(415, { 'Accept-Encoding': 'gzip' });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(413);

    readBounded(req, inflate, maxBytes).then(
      (body) => {
        if (nestingExceeds(body, MAX_JSON_DEPTH)) return refuse(400);
        try {
          req.body = JSON.parse(body.toString('utf8'));
        } catch {
          return refuse(400);
        }
        next();
      },
      (reason: unknown) => {
        if (reason === TOO_LARGE) return refuse(413);
        if (reason === NOT_GZIP) return refuse(400);
        // The client went away or the socket failed: there is nobody left to answer.
        next(false);
      },
    );
  };
}

/** `application/json`, with no parameter but an optional UTF-8 charset (the Bot Connector sends one). */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => /^charset="?utf-8"?$/.test(parameter.replace(/\s*=\s*/, '=')));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENING = new Set([0x5b, 0x7b]);
const CLOSING = new Set([0x5d, 0x7d]);

/** Whether brackets outside strings nest deeper than `max`, in one pass over the bytes (UTF-8 keeps ASCII as is). */
function nestingExceeds(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index]!;
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENING.has(byte)) {
      if (++depth > max) return true;
    } else if (CLOSING.has(byte)) {
      depth--;
    }
  }
  return false;
}

const TOO_LARGE = Symbol('too large');
const NOT_GZIP = Symbol('not gzip');

/**
 * The body, or TOO_LARGE as soon as more than `maxBytes` arrive or inflate. The request stream is never destroyed
 * (that would destroy the socket before the answer is written); reading simply stops.
 */
function readBounded(req: IncomingMessage, inflate: boolean, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let kept = 0;
    let settled = false;
    let gunzip: Gunzip | undefined;

    const finish = (outcome: Buffer | symbol | Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', finish);
      req.off('aborted', onAborted);
      gunzip?.destroy();
      if (Buffer.isBuffer(outcome)) resolve(outcome);
      else reject(outcome);
    };
    const keep = (chunk: Buffer) => {
      kept += chunk.length;
      if (kept > maxBytes) return finish(TOO_LARGE);
      chunks.push(chunk);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) return finish(TOO_LARGE);
      if (gunzip) gunzip.write(chunk);
      else keep(chunk);
    };
    const onEnd = () => {
      if (gunzip) gunzip.end();
      else finish(Buffer.concat(chunks));
    };
    const onAborted = () => finish(new Error('request aborted'));

    if (inflate) {
      gunzip = createGunzip();
      gunzip.on('data', keep);
      gunzip.once('end', () => finish(Buffer.concat(chunks)));
      gunzip.once('error', () => finish(NOT_GZIP));
    }
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', finish);
    req.once('aborted', onAborted);
    req.resume();
  });
}
