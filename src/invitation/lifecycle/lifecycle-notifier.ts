import { GovernedGuest } from './governed-guest';

/** How the lifecycle reaches people (Teams proactive messages in personal chats); implemented in `src/teams`. */
export interface LifecycleNotifier {
  /**
   * Sends the guest's review card (Keep for N days / Remove) to each person in `recipientIds`, one to one, and
   * records where each copy went so answers can update them all; resolves with how many got it.
   */
  askReview(guest: GovernedGuest, recipientIds: string[]): Promise<number>;
  /** Brings every copy of the guest's current review card up to date (decided, expired, removed…). */
  showReviewState(guest: GovernedGuest): Promise<void>;
  /** Reminds the requester that the invitation is not redeemed yet (Resend / New link / Withdraw). */
  remindRequester(guest: GovernedGuest, requestId: string): Promise<void>;
}
