import { lookup as dnsLookup } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkFileUrl, FileHostPattern, isPublicAddress } from '../../bulk/file-hosts';

/** Moves files between the bot and Teams (OneDrive): the sent file's download, the result file's upload. */
export interface FileTransfer {
  download(url: string, maxBytes: number): Promise<Uint8Array>;
  /** One PUT to a OneDrive upload session, as the file consent flow hands it out. */
  upload(url: string, content: Uint8Array): Promise<void>;
}

/**
 * Why a transfer did not happen. `refused`: the URL (or the address its host resolved to) is not one of the
 * cloud's file hosts; `redirected`: the host sent it elsewhere; `tooLarge`, `timedOut`; `failed`: anything else.
 */
export type FileTransferFailure = 'refused' | 'redirected' | 'tooLarge' | 'timedOut' | 'failed';

export class FileTransferError extends Error {
  constructor(
    message: string,
    readonly reason: FileTransferFailure = 'failed',
    /** With `timedOut`: the bound that was reached. */
    readonly timeoutSeconds?: number,
  ) {
    super(message);
    this.name = 'FileTransferError';
  }
}

export interface HttpsFileTransferOptions {
  /** The only hosts files are fetched from or sent to (`fileHostsForGraph`, or `BULK_FILE_HOSTS`). */
  hosts: readonly FileHostPattern[];
  /** For a whole transfer, redirects included. */
  timeoutMs?: number;
  /** Name resolution; tests give one that answers as a hostile DNS server would. */
  lookup?: LookupFunction;
}

const TIMEOUT_MS = 30_000;
/** A download link is expected to answer with the file; a short hop on the same host is tolerated, a chain is not. */
const MAX_REDIRECTS = 3;

/**
 * Over HTTPS, to the cloud's SharePoint/OneDrive hosts only. The URLs carry their own authorization, so no token
 * is sent; and since whoever sends the bot a message chooses the URL, each one is checked before the connection,
 * each address its host resolves to is checked at connect time (so a listed name cannot be pointed at this
 * network), and a redirect is followed only on the same host, checked again.
 */
export function httpsFileTransfer(options: HttpsFileTransferOptions): FileTransfer {
  const { hosts, timeoutMs = TIMEOUT_MS } = options;
  const lookup = publicAddressesOnly(options.lookup ?? (dnsLookup as LookupFunction));

  const checked = (text: string): URL => {
    const result = checkFileUrl(text, hosts);
    if (!result.ok) throw new FileTransferError(`file URL refused: ${result.refusal}`, 'refused');
    return result.url;
  };

  return {
    async download(url, maxBytes) {
      const signal = AbortSignal.timeout(timeoutMs);
      let target = checked(url);
      for (let hops = 0; ; hops++) {
        const response = await send(target, { method: 'GET', signal, timeoutMs, lookup });
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.destroy();
          const location = response.headers.location;
          const next = location ? tryUrl(location, target) : undefined;
          if (!next || next.origin !== target.origin || hops >= MAX_REDIRECTS) {
            throw new FileTransferError(`download redirected (${status})`, 'redirected');
          }
          target = checked(next.href);
          continue;
        }
        if (status !== 200) {
          response.destroy();
          throw new FileTransferError(`download answered ${status}`);
        }
        return await readAtMost(response, maxBytes, signal, timeoutMs);
      }
    },

    async upload(url, content) {
      const size = content.byteLength;
      const response = await send(checked(url), {
        method: 'PUT',
        // The whole file in one range; an upload session takes up to 60 MiB per request.
        headers: { 'Content-Range': `bytes 0-${size - 1}/${size}`, 'Content-Type': 'text/csv', 'Content-Length': String(size) },
        body: content,
        signal: AbortSignal.timeout(timeoutMs),
        timeoutMs,
        lookup,
      });
      response.destroy();
      const status = response.statusCode ?? 0;
      // A redirected PUT would carry the file to wherever the redirect points: never followed.
      if (status >= 300 && status < 400) throw new FileTransferError(`upload redirected (${status})`, 'redirected');
      if (status < 200 || status >= 300) throw new FileTransferError(`upload answered ${status}`);
    },
  };
}

interface SendOptions {
  method: 'GET' | 'PUT';
  headers?: Record<string, string>;
  body?: Uint8Array;
  signal: AbortSignal;
  timeoutMs: number;
  lookup: LookupFunction;
}

function send(url: URL, options: SendOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers, signal: options.signal, lookup: options.lookup, agent: false }, resolve);
    req.on('error', (error) => reject(asTransferError(error, options.signal, options.timeoutMs)));
    req.end(options.body);
  });
}

/** Counted as it arrives: a missing or false Content-Length must not let a huge file fill the memory. */
async function readAtMost(response: IncomingMessage, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    throw new FileTransferError('file too large', 'tooLarge');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new FileTransferError('file too large', 'tooLarge');
      chunks.push(chunk);
    }
  } catch (error) {
    response.destroy();
    throw asTransferError(error, signal, timeoutMs);
  }
  // A connection cut before the end looks like a short body on some servers; the size says so when it was given.
  const declared = response.headers['content-length'];
  if (declared !== undefined && Number(declared) !== size) throw new FileTransferError('download cut short');
  return Buffer.concat(chunks);
}

/** Resolves as usual, then refuses the connection if any address is not a public one. */
function publicAddressesOnly(resolve: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      if (addresses.some((candidate) => !isPublicAddress(candidate))) {
        return callback(new FileTransferError('file host resolved to a non-public address', 'refused'), address, family);
      }
      callback(null, address, family);
    });
  };
}

function asTransferError(error: unknown, signal: AbortSignal, timeoutMs: number): FileTransferError {
  if (error instanceof FileTransferError) return error;
  if (signal.aborted) return new FileTransferError('file transfer timed out', 'timedOut', Math.ceil(timeoutMs / 1000));
  return new FileTransferError(`file transfer failed: ${(error as Error)?.message ?? String(error)}`);
}

function tryUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}
