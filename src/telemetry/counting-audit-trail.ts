import { AuditEntry, AuditTrail } from '../invitation/audit-trail';
import { countApproval, countInvitation } from './instruments';

/**
 * The audit trail, counting as it goes: every invitation outcome and approval decision is appended to it exactly
 * once, so its events are where the metrics are counted, without the domain knowing about telemetry.
 */
export class CountingAuditTrail implements AuditTrail {
  constructor(private readonly inner: AuditTrail) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.inner.append(entry);
    switch (entry.event) {
      case 'graph.invitation.succeeded':
        return countInvitation('invited');
      case 'graph.invitation.recovered':
        return countInvitation('recovered');
      case 'graph.invitation.failed': {
        const kind = entry.details?.errorKind;
        return countInvitation('failed', typeof kind === 'string' ? kind : undefined);
      }
      case 'request.approved':
        return countApproval('approved');
      case 'request.rejected':
        return countApproval('rejected');
    }
  }

  latest(count: number): Promise<AuditEntry[]> {
    return this.inner.latest(count);
  }
}
