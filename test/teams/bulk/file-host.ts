import type * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { closeServer } from '../../support/close-server';
import { testServerTls } from '../../support/tls';

export interface ReceivedUpload {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Stands in for SharePoint/OneDrive in the Teams file flows, over https with the test CA on 127.0.0.1: serves the
 * files people "send" the bot at their pre-authenticated download URLs, and takes the PUTs of the file consent
 * flow's upload sessions. The bot reaches it only when `host` is listed in BULK_FILE_HOSTS.
 */
export class FakeFileHost {
  readonly files = new Map<string, string | Buffer>();
  /** Paths answered with a 302 to the given location instead. */
  readonly redirects = new Map<string, string>();
  readonly downloads: string[] = [];
  readonly uploads: ReceivedUpload[] = [];
  /** Status answered to uploads (OneDrive answers 201 for a completed upload). */
  uploadStatus = 201;
  private server?: https.Server;
  private origin = '';

  async start(): Promise<void> {
    this.server = https.createServer(testServerTls(), (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://host.invalid').pathname;
        // No chaining on writeHead: restify, loaded by the bot, replaces it with one that returns nothing.
        const answer = (status: number, body?: string | Buffer) => {
          res.writeHead(status, { 'Content-Type': 'application/octet-stream' });
          res.end(body);
        };
        const redirect = this.redirects.get(path);
        if (redirect !== undefined) {
          res.writeHead(302, { Location: redirect });
          return res.end();
        }
        if (req.method === 'GET') {
          this.downloads.push(path);
          const file = this.files.get(path);
          return file === undefined ? answer(404) : answer(200, file);
        }
        if (req.method === 'PUT') {
          this.uploads.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
          return answer(this.uploadStatus, '{}');
        }
        answer(405);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `https://${this.host}`;
  }

  /** `127.0.0.1:<port>`, as BULK_FILE_HOSTS lists it. */
  get host(): string {
    return `127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** A download URL that, like Teams', carries its own authorization. */
  downloadUrl(path: string): string {
    return `${this.origin}${path}?tempauth=secret-download-token`;
  }

  uploadUrl(path: string): string {
    return `${this.origin}${path}?tempauth=secret-upload-token`;
  }

  async stop(): Promise<void> {
    if (this.server) await closeServer(this.server);
  }
}
