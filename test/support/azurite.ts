import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TEST_TLS_DIR } from './tls';

/**
 * Azurite's Table service (npm `azurite`) in a child process, for tests: on 127.0.0.1 and a free port, data in
 * memory only, with an account name and key made up for this run (so no well-known key is involved).
 * Start it once per test file; it is up in about a second.
 */
export interface RunningAzurite {
  /** Account key connection string for `@azure/data-tables` (plain http to 127.0.0.1). */
  connectionString: string;
  /** Set when started with `https: true`: the account URL for a TokenCredential (e.g. `https://127.0.0.1:1234/acct`). */
  accountUrl?: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /**
   * Serve https with the test certificate and accept bearer tokens (`--oauth basic`: Azurite checks a token's
   * issuer, audience and lifetime, not its signature). Needs NODE_EXTRA_CA_CERTS=test/.tls/ca.pem, as `npm test` sets.
   */
  https?: boolean;
}

const ACCOUNT = 'guestpasstest';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  // Another process can take the free port between our probe and Azurite's listen; a second try fixes that.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freePort(), options);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function launch(port: number, options: AzuriteOptions): Promise<RunningAzurite> {
  const key = randomBytes(32).toString('base64');
  const args = [
    azuriteTableScript(),
    '--tableHost', '127.0.0.1',
    '--tablePort', String(port),
    '--inMemoryPersistence',
    // The SDK speaks a newer API version than Azurite knows; --loose ignores headers Azurite does not implement.
    '--skipApiVersionCheck', '--loose', '--disableTelemetry', '--silent',
  ];
  if (options.https) {
    args.push('--cert', join(TEST_TLS_DIR, 'server-cert.pem'), '--key', join(TEST_TLS_DIR, 'server-key.pem'));
    args.push('--oauth', 'basic');
  }
  const child = spawn(process.execPath, args, {
    // cwd: Azurite may write a debug log or workspace files there; never into the repository.
    cwd: tmpdir(),
    env: { ...process.env, AZURITE_ACCOUNTS: `${ACCOUNT}:${key}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitUntilStarted(child);

  const scheme = options.https ? 'https' : 'http';
  const endpoint = `${scheme}://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${key};TableEndpoint=${endpoint};`,
    accountUrl: options.https ? endpoint : undefined,
    stop: () => stop(child),
  };
}

function azuriteTableScript(): string {
  // The `azurite-table` bin of the installed package, run with this Node rather than through a shell shim.
  const packageJson = require.resolve('azurite/package.json');
  const bin = (require(packageJson) as { bin: Record<string, string> }).bin['azurite-table'];
  if (!bin) throw new Error('The azurite package has no azurite-table binary');
  return join(dirname(packageJson), bin);
}

function waitUntilStarted(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail(`no start-up message within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully (started|listening)/i.test(output)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => fail(`it exited with code ${code}`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGTERM lets Azurite close its server; SIGKILL only if it has not gone after a few seconds. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A table prefix no other test (or run) uses: tables names allow letters and digits only, at most 20 here. */
export function uniqueTablePrefix(label = 'T'): string {
  return `${label}${randomBytes(6).toString('hex')}`.slice(0, 20);
}
