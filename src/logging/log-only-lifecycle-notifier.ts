import { Logger } from 'pino';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { LifecycleNotifier } from '../invitation/lifecycle/lifecycle-notifier';

/**
 * The lifecycle's notifier where nobody can be reached in Teams: it writes what it would have sent to the log, and
 * reaches nobody (so a review escalates as it would when no chat is open).
 */
export class LogOnlyLifecycleNotifier implements LifecycleNotifier {
  constructor(private readonly logger: Logger) {}

  async askReview(guest: GovernedGuest, recipientIds: string[]): Promise<number> {
    this.logger.info({ userId: guest.userId, reviewId: guest.review?.id, recipients: recipientIds.length }, 'guest review not sent: no Teams notifier');
    return 0;
  }

  async showReviewState(guest: GovernedGuest): Promise<void> {
    this.logger.debug({ userId: guest.userId, reviewId: guest.review?.id }, 'guest review state not shown: no Teams notifier');
  }

  async remindRequester(guest: GovernedGuest, requestId: string): Promise<void> {
    this.logger.info({ userId: guest.userId, requestId }, 'unredeemed reminder not sent: no Teams notifier');
  }
}
