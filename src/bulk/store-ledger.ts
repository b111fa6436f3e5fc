import { createHash } from 'node:crypto';
import { BulkDoneRecord, BulkLedger } from '../invitation/bulk-ports';
import { Clock } from '../invitation/clock';
import { AlreadyExistsError } from '../invitation/request-repository';
import { LeaseStore, StateStore } from '../storage/store';

/**
 * How long a run holds its file without renewing. A run renews before each row, and a row takes at most Graph's
 * timeout times its retries, so only a run that died lets the claim lapse; then a new run may take over.
 */
export const BULK_CLAIM_MS = 10 * 60_000;

/**
 * The bulk ledger on the store every deployment already has: settled rows in the versioned `state` space, the
 * run's claim on the file as a lease. Works on every store kind, and survives restarts with the durable ones.
 */
export class StoreBulkLedger implements BulkLedger {
  constructor(
    private readonly state: StateStore,
    private readonly leases: LeaseStore,
    private readonly clock: Clock,
  ) {}

  async find(fileId: string, email: string): Promise<BulkDoneRecord | undefined> {
    return (await this.state.get<BulkDoneRecord>(rowKey(fileId, email)))?.value;
  }

  async record(fileId: string, email: string, done: BulkDoneRecord): Promise<void> {
    try {
      await this.state.put(rowKey(fileId, email), done);
    } catch (error) {
      // Create-only: a concurrent or earlier run recorded the row first, and its record stands.
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }

  claim(fileId: string, runId: string): Promise<boolean> {
    return this.leases.tryAcquire(claimName(fileId), runId, BULK_CLAIM_MS, this.clock.now());
  }

  release(fileId: string, runId: string): Promise<void> {
    return this.leases.release(claimName(fileId), runId);
  }
}

/**
 * Keys stay short and free of the characters some stores refuse in keys (Azure Tables: / \ # ?), and keep the
 * address itself out of the store's key space: it is hashed.
 */
function rowKey(fileId: string, email: string): string {
  const address = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
  return `bulk-invite.${fileId}.${address}`;
}

function claimName(fileId: string): string {
  return `bulk-invite.${fileId}`;
}
