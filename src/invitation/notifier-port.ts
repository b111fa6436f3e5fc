import { InvitationRequest } from './invitation-request';

/** What a requester is told about, beyond the request's outcome itself. */
export type NewsTopic =
  /** The request was decided, invited, failed, expired… (its state says which). */
  | 'outcome'
  /** The group and team additions that had to wait for the new guest to replicate are settled. */
  | 'groups'
  /** The guest redeemed the invitation. */
  | 'accepted';

export interface RequesterNews {
  /**
   * Given only when the invitation was just made with the email withheld and the guest needs the link from the
   * requester. Never stored, never logged.
   */
  redeemUrl?: string;
  /** `outcome` when not given. */
  topic?: NewsTopic;
}

/** Who an approval card is for: the request's approvers (admins for admin-only requests), or those asked after them. */
export type ApprovalAudience = 'approvers' | 'fallbackApprovers' | 'admins';

/** Where an approval card arrived, so the domain can tell when it reached nobody. */
export interface ApprovalCardReach {
  /** The approvers' channel got it. */
  channel: boolean;
  /** How many people got it one to one. */
  people: number;
}

/** How the domain reaches people outside the current conversation (Teams proactive messages, e-mail, …). */
export interface RequestNotifier {
  /**
   * Sends the approval card to an audience and resolves once it has tried everyone, saying where the card arrived.
   * `approvers` also covers the approvers' channel; the other audiences are reached one to one.
   */
  askApprovers(request: InvitationRequest, audience: ApprovalAudience): Promise<ApprovalCardReach>;
  /** Brings every copy of the request's approval card up to date (decided, expired, cancelled, invited…). */
  showRequestState(request: InvitationRequest): Promise<void>;
  /** Tells the requester, in the chat where they asked (else their personal chat), what became of their request. */
  tellRequester(request: InvitationRequest, news: RequesterNews): Promise<void>;
}
