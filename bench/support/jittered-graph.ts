import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { GraphSimulator, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { closeServer } from '../../test/support/close-server';
import type { FakeEntraId } from '../../test/support/fake-entra';
import { seededRandom } from '../../test/support/seeded-random';
import { testServerTls } from '../../test/support/tls';

export interface JitterOptions {
  /** Each Graph call is answered after a delay drawn evenly from [minMs, maxMs]. */
  minMs: number;
  maxMs: number;
}

/**
 * Graph at a realistic latency: a simulator of its own over https (tokens from the same Entra ID, for this
 * origin), in front of which every request waits a seeded random delay before it is handled. `reseed` restarts
 * the sequence, so that bots measured one after the other meet the same delays in the same order.
 */
export class JitteredGraph {
  readonly simulator: GraphSimulator;
  private random = seededRandom(0);
  private server: https.Server | undefined;
  private origin = '';
  /** Every delay drawn, for the report. */
  readonly delaysMs: number[] = [];

  constructor(
    entra: FakeEntraId,
    private options: JitterOptions,
  ) {
    this.simulator = new GraphSimulator({ seed: sandboxDirectorySeed(), acceptToken: (token) => entra.isValidToken(token, this.origin) });
  }

  get url(): string {
    return this.origin;
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  /** Changes the delay from the next request on (a benchmark may set up at one latency and measure at another). */
  setLatency(options: JitterOptions): void {
    this.options = options;
  }

  async start(): Promise<void> {
    const delayed: http.RequestListener = (req, res) => {
      const delayMs = this.options.minMs + this.random() * (this.options.maxMs - this.options.minMs);
      this.delaysMs.push(delayMs);
      setTimeout(() => this.simulator.listener(req, res), delayMs);
    };
    const server = https.createServer(testServerTls(), delayed);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    // The test certificate names localhost.
    this.origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (this.server) await closeServer(this.server);
  }
}
