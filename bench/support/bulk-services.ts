import type { AccessToken, TokenCredential } from '@azure/identity';
import { loadConfig } from '../../src/config';
import { createInvitationServices, InvitationServices } from '../../src/index';
import { BulkRow } from '../../src/invitation/bulk-invite';
import { DEFAULT_POLICY } from '../../src/invitation/policy';
import { createLogger } from '../../src/logging/logger';
import { TEAMS_TEST_USERS } from '../../test/support/teams-activities';

/** The simulator is reached over plain loopback HTTP, where the Graph SDK attaches no token; any credential does. */
const benchCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/**
 * GuestPass's production wiring for a bulk run (`createInvitationServices`: its pacer, ledger and store) against a
 * simulated Graph at `graphUrl`, silent, without jobs, with a quota the benchmark cannot reach.
 */
export function bulkBenchServices(env: Record<string, string | undefined>, graphUrl: string): Promise<InvitationServices> {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env });
  return createInvitationServices(
    { ...config, graph: { ...config.graph, baseUrl: graphUrl } },
    {
      graphCredential: benchCredential,
      logger: createLogger({ level: 'silent' }),
      policy: { ...DEFAULT_POLICY, dailyQuotaPerRequester: 10_000 },
      startJobs: false,
    },
  );
}

/** `count` rows from `first` on, each a new address `${prefix}-NNNN@tailspin.com`, numbered as a file's lines. */
export function benchRows(prefix: string, first: number, count: number): BulkRow[] {
  return Array.from({ length: count }, (_, i) => ({
    line: first + i + 2,
    draft: { email: `${prefix}-${String(first + i).padStart(4, '0')}@tailspin.com`, sendEmail: true, userType: 'Guest' },
  }));
}

/** The requester of every benchmark bulk run. */
export const BENCH_REQUESTER = { id: TEAMS_TEST_USERS.megan.aadObjectId, displayName: TEAMS_TEST_USERS.megan.name, locale: 'en-US' };
