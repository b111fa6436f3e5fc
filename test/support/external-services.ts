import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphSimulator, RunningGraphSimulator, SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { FakeBotConnector } from './fake-bot-connector';
import { FakeEntraId } from './fake-entra';
import { TEAMS_TEST_USERS } from './teams-activities';
import { TEST_CA_PATH, testServerTls } from './tls';

export const CLIENT_ID = 'c0ffee00-1234-4abc-8def-00000000fa17';
export const CLIENT_SECRET = 'fault-test-secret-value-never-logged';

/**
 * Everything a GuestPass child process talks to, running in the test process: Entra ID and Graph over https
 * (trusted through NODE_EXTRA_CA_CERTS in the child) and the Bot Connector. They outlive the bot, so a test can
 * kill and restart it while the "cloud" keeps its state, as the real one would.
 */
export class ExternalServices {
  readonly entra = new FakeEntraId();
  readonly connector = new FakeBotConnector();
  simulator!: GraphSimulator;
  /** A scratch folder for the SQLite file and the policy file; removed by stop(). */
  readonly workDir = mkdtempSync(join(tmpdir(), 'guestpass-faults-'));
  private running!: RunningGraphSimulator;

  async start(): Promise<void> {
    await this.entra.start();
    this.entra.registerClient({ tenantId: SANDBOX_IDS.tenant, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    let graphOrigin = '';
    this.simulator = new GraphSimulator({
      seed: sandboxDirectorySeed(),
      acceptToken: (token) => this.entra.isValidToken(token, graphOrigin),
    });
    this.running = await this.simulator.listen({ tls: testServerTls() });
    graphOrigin = this.running.url;
    await this.connector.start();
    for (const user of Object.values(TEAMS_TEST_USERS)) this.connector.addMember({ ...user });
  }

  get graphUrl(): string {
    return this.running.url;
  }

  /** Writes a policy file into the work folder and returns its path. */
  writePolicy(yaml: string): string {
    const path = join(this.workDir, 'policy.yaml');
    writeFileSync(path, yaml);
    return path;
  }

  /** The environment of a bot that uses these services, an SQLite store in the work folder and `extra`. */
  botEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AZURE_TENANT_ID: SANDBOX_IDS.tenant,
      AZURE_CLIENT_ID: CLIENT_ID,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      AZURE_AUTHORITY_HOST: this.entra.authorityHost,
      GRAPH_BASE_URL: this.graphUrl,
      GRAPH_TIMEOUT_SECONDS: '10',
      NODE_EXTRA_CA_CERTS: TEST_CA_PATH,
      STORE: 'sqlite',
      DATA_DIR: this.workDir,
      ...extra,
    };
  }

  async stop(): Promise<void> {
    await this.running?.close();
    await this.connector.stop();
    await this.entra.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
