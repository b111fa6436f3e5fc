/** Moves files between the bot and Teams (OneDrive): the sent file's download, the result file's upload. */
export interface FileTransfer {
  download(url: string, maxBytes: number): Promise<Uint8Array>;
  /** One PUT to a OneDrive upload session, as the file consent flow hands it out. */
  upload(url: string, content: Uint8Array): Promise<void>;
}

export class FileTransferError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'FileTransferError';
  }
}

const TIMEOUT_MS = 30_000;

/** Over HTTPS with fetch; the URLs carry their own authorization, so no token is sent. */
export const fetchFileTransfer: FileTransfer = {
  async download(url, maxBytes) {
    const response = await fetch(checked(url), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok || !response.body) throw new FileTransferError(`download answered ${response.status}`);
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw new FileTransferError('file too large', true);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      // Counted as it arrives: a missing or false Content-Length must not let a huge file fill the memory.
      if (size > maxBytes) throw new FileTransferError('file too large', true);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  },

  async upload(url, content) {
    const size = content.byteLength;
    const response = await fetch(checked(url), {
      method: 'PUT',
      // The whole file in one range; an upload session takes up to 60 MiB per request.
      headers: { 'Content-Range': `bytes 0-${size - 1}/${size}`, 'Content-Type': 'text/csv' },
      body: content,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new FileTransferError(`upload answered ${response.status}`);
  },
};

/**
 * Teams hands out https SharePoint/OneDrive URLs. Plain http is accepted only on loopback, where the local
 * development tools and tests serve files; anything else would send a file (or fetch one) in the clear.
 */
function checked(text: string): URL {
  const url = new URL(text);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new FileTransferError('not an https URL');
  return url;
}
