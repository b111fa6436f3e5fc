import { InvitationRequest } from './invitation-request';

/** How the domain reaches people outside the current conversation (Teams proactive messages, e-mail, …). */
export interface RequestNotifier {
  /** Sends the approval card to the approvers (or, after the wait, to the fallback approvers). */
  askApprovers(request: InvitationRequest, audience: 'approvers' | 'fallbackApprovers'): Promise<void>;
  /** Brings every copy of the request's approval card up to date (decided, expired, cancelled, invited…). */
  showRequestState(request: InvitationRequest): Promise<void>;
  /**
   * Tells the requester, in the chat where they asked, what became of their request. `redeemUrl` is given only
   * when the invitation email was withheld and the guest needs the link from the requester.
   */
  tellRequester(request: InvitationRequest, news: { redeemUrl?: string }): Promise<void>;
}
