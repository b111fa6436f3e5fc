import { z } from 'zod';
import { MAX_LISTED_REQUESTS, RequestListKind, renderRequestList } from '../../cards/request-list-card';
import { InvitationRequest } from '../../invitation/invitation-request';
import { mayDecideRequest } from '../../invitation/who-decides';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';

/** The list a decision or cancel button was on: which kind, and the requests it showed. */
export interface ListedRequests {
  kind: RequestListKind;
  ids: string[];
}

const REQUEST_ID = /^[A-Za-z0-9-]{1,40}$/;
const schema = z.object({ list: z.enum(['pendingApprovals', 'myRequests']), listed: z.string().max(MAX_LISTED_REQUESTS * 41) });

/** The button's list, if it was on one; the data comes back from the client, so only well-formed ids count. */
export function readListedRequests(data: Record<string, unknown>): ListedRequests | undefined {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return undefined;
  const ids = [...new Set(parsed.data.listed.split(',').map((id) => id.trim()))].filter((id) => REQUEST_ID.test(id)).slice(0, MAX_LISTED_REQUESTS);
  return ids.length > 0 ? { kind: parsed.data.list, ids } : undefined;
}

/**
 * The list the person pressed a button on, drawn again from the store for them: each request in its current
 * state, buttons only where this viewer may still act. The ids come from the client, so a request is shown only
 * to whom the list would have shown it: its approvers (pending approvals) or its requester (my requests). Requests
 * gone from the store, or not theirs to see, are left out.
 */
export async function requestListCardFor(turn: Turn, services: BotServices, listed: ListedRequests): Promise<object> {
  const ctx = services.invitations;
  const requests: InvitationRequest[] = [];
  for (const id of listed.ids) {
    const stored = await ctx.requests.get(id);
    if (stored && (await belongsOnList(turn, services, listed.kind, stored.value))) requests.push(stored.value);
  }
  // Only an undecided request can still be decided or withdrawn; being on the list says the viewer may.
  const actionable = new Set(requests.filter((request) => request.state === 'pendingApproval').map((request) => request.id));
  return renderRequestList(turn.t, { kind: listed.kind, requests, formatDate: turn.formatDate, actionable });
}

async function belongsOnList(turn: Turn, services: BotServices, kind: RequestListKind, request: InvitationRequest): Promise<boolean> {
  if (kind === 'myRequests') return request.requester.id === turn.requester.id;
  return mayDecideRequest(services.invitations.access, turn.requester, request);
}
