import { GuestPassStore } from '../store';
import { TableApprovalCards } from './table-approval-cards';
import { TableAuditTrail } from './table-audit-trail';
import { ensureTable, tableOpener, TableStoreSettings } from './table-connection';
import { TableGovernedGuests } from './table-governed-guests';
import { TableConversationReferences } from './table-conversation-references';
import { TableLeaseStore } from './table-lease-store';
import { TableRequestRepository } from './table-request-repository';
import { hasStatus } from './table-errors';
import { TableStateStore } from './table-state-store';

/**
 * The tables of one deployment, each named `{tablePrefix}{suffix}`. Separate tables keep each kind of data easy
 * to inspect, export or purge on its own. (On Cosmos DB with provisioned throughput each table is billed for its
 * own RU/s unless the database shares throughput; use serverless or shared throughput there: see docs/scale-out.md.)
 */
export const TABLE_SUFFIXES = {
  requests: 'Requests',
  audit: 'Audit',
  conversations: 'Conversations',
  approvalCards: 'ApprovalCards',
  leases: 'Leases',
  state: 'State',
  guests: 'Guests',
} as const;

/**
 * Opens the store on Azure Table Storage or Cosmos DB for Table (the same code serves both: only operations both
 * offer are used, and nothing relies on the order of query results, which only Table Storage guarantees).
 * Creates missing tables first, so a wrong connection string or a missing role fails here, at start-up.
 */
export async function openTableStore(settings: TableStoreSettings): Promise<GuestPassStore> {
  const open = tableOpener(settings);
  const tables = {
    requests: open(TABLE_SUFFIXES.requests),
    audit: open(TABLE_SUFFIXES.audit),
    conversations: open(TABLE_SUFFIXES.conversations),
    approvalCards: open(TABLE_SUFFIXES.approvalCards),
    leases: open(TABLE_SUFFIXES.leases),
    state: open(TABLE_SUFFIXES.state),
    guests: open(TABLE_SUFFIXES.guests),
  };
  await Promise.all(Object.values(tables).map(ensureTable));

  let closed = false;
  return {
    kind: 'table',
    requests: new TableRequestRepository(tables.requests),
    audit: new TableAuditTrail(tables.audit),
    conversations: new TableConversationReferences(tables.conversations),
    approvalCards: new TableApprovalCards(tables.approvalCards),
    leases: new TableLeaseStore(tables.leases),
    state: new TableStateStore(tables.state),
    guests: new TableGovernedGuests(tables.guests),
    async checkHealth() {
      if (closed) throw new Error('The table store is closed');
      // One cheap point read; "not found" is a healthy answer, anything else (auth, network) is not.
      await tables.leases.getEntity('health', 'check').catch((error: unknown) => {
        if (!hasStatus(error, 404)) throw error;
      });
    },
    async close() {
      // The SDK keeps no connection of its own to close (HTTP keep-alive sockets time out by themselves).
      closed = true;
    },
  };
}
