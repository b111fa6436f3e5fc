import { GuestPassStore } from '../store';
import { MemoryApprovalCards } from './memory-approval-cards';
import { MemoryAuditTrail } from './memory-audit-trail';
import { MemoryGovernedGuests } from './memory-governed-guests';
import { MemoryConversationReferences } from './memory-conversation-references';
import { MemoryLeaseStore } from './memory-lease-store';
import { MemoryRequestRepository } from './memory-request-repository';
import { MemoryStateStore } from './memory-state-store';

/** A fresh, empty store that lives as long as the process: for unit tests and quick local runs. */
export function createMemoryStore(): GuestPassStore {
  let closed = false;
  return {
    kind: 'memory',
    requests: new MemoryRequestRepository(),
    audit: new MemoryAuditTrail(),
    conversations: new MemoryConversationReferences(),
    approvalCards: new MemoryApprovalCards(),
    leases: new MemoryLeaseStore(),
    state: new MemoryStateStore(),
    guests: new MemoryGovernedGuests(),
    async checkHealth() {
      // Mirrors the durable stores, whose health check fails once the connection is closed.
      if (closed) throw new Error('The memory store is closed');
    },
    async close() {
      closed = true;
    },
  };
}
