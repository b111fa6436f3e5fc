import { InvitationRequest } from '../../invitation/invitation-request';
import { dueAt, DueKind } from '../../invitation/request-due';
import { createdAtMillis } from '../created-at';
import { addressKeyOf, guestKeyOf } from '../request-lookups';
import { toJsonColumn } from './json-column';

/** The column holding each kind's due instant (epoch ms; NULL while the request is not waiting for that work). */
export const DUE_COLUMNS: Readonly<Record<DueKind, string>> = {
  expiry: 'expiry_due',
  escalation: 'escalation_due',
  groupRetry: 'group_retry_due',
  watch: 'watch_due',
};

/** The columns copied out of a request's document so look-ups can use indexes (see migrations.ts). */
export interface LookupColumns {
  guestId: string | null;
  address: string;
  expiryDue: number | null;
  escalationDue: number | null;
  groupRetryDue: number | null;
  watchDue: number | null;
}

/** The named parameters every write binds: the document plus the columns copied out of it for indexing. */
export interface RequestColumns extends LookupColumns {
  id: string;
  state: string;
  requesterId: string;
  createdAt: number;
  document: string;
}

export function lookupColumnsOf(request: InvitationRequest): LookupColumns {
  return {
    guestId: guestKeyOf(request) ?? null,
    address: addressKeyOf(request),
    expiryDue: dueAt(request, 'expiry') ?? null,
    escalationDue: dueAt(request, 'escalation') ?? null,
    groupRetryDue: dueAt(request, 'groupRetry') ?? null,
    watchDue: dueAt(request, 'watch') ?? null,
  };
}

export function columnsOf(request: InvitationRequest): RequestColumns {
  return {
    id: request.id,
    state: request.state,
    requesterId: request.requester.id,
    createdAt: createdAtMillis(request),
    document: toJsonColumn(request, `Request ${request.id}`),
    ...lookupColumnsOf(request),
  };
}

/** The SET list that writes every lookup column from its named parameter. */
export const LOOKUP_ASSIGNMENTS = `guest_id = @guestId, address = @address, expiry_due = @expiryDue, escalation_due = @escalationDue,
          group_retry_due = @groupRetryDue, watch_due = @watchDue`;
