import { Logger } from 'pino';
import { renderGuestReview } from '../cards/guest-review-card';
import { renderUnredeemedReminder } from '../cards/unredeemed-reminder-card';
import { translatorFor } from '../i18n';
import { accessDaysFor } from '../invitation/access-end';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { LifecycleNotifier } from '../invitation/lifecycle/lifecycle-notifier';
import { InvitationDefaults } from '../invitation/invitation-defaults';
import { InvitationPolicy } from '../invitation/policy';
import { RequestRepository } from '../invitation/request-repository';
import { ApprovalCardLocations, ConversationReferenceStore } from '../storage/store';
import { conversationKey, personalChatKey } from './conversation-keys';
import { PersonalReach } from './personal-reach';
import { domainOf, reviewCardsKey, reviewerIds } from './review-card-view';
import { dateFormatterFor } from './turn';

export interface TeamsLifecycleNotifierOptions {
  reach: PersonalReach;
  conversations: ConversationReferenceStore;
  /** Every copy of a review card is recorded here (under `reviewCardsKey`), as approval cards are. */
  cardLocations: ApprovalCardLocations;
  policy: InvitationPolicy;
  /** The effective invitation defaults: the organization's language for cards no chat's language decides. */
  defaults: InvitationDefaults;
  requests: RequestRepository;
  /** Whether the tenant lets GuestPass read last sign-ins, as Graph last answered. */
  signInsReadable(): boolean;
  logger: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The guest lifecycle's messages in Teams: review cards to each person asked, in their personal chat (opened by
 * installing GuestPass if need be, as for approvers), every copy recorded and updated in place as the review moves
 * on; and the requester's reminder of an invitation nobody redeemed. Deliveries about one guest run in order.
 */
export class TeamsLifecycleNotifier implements LifecycleNotifier {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: TeamsLifecycleNotifierOptions) {}

  askReview(guest: GovernedGuest, recipientIds: string[]): Promise<number> {
    let reached = 0;
    return this.enqueue(guest.userId, async () => {
      const key = reviewCardsKey(guest);
      if (!key) return;
      for (const person of new Set(recipientIds.map((id) => id.toLowerCase()))) {
        const sent = await this.options.reach.sendCard(person, (locale) => this.reviewCard(guest, locale), () => this.serviceUrlNear(guest), {
          userId: guest.userId,
        });
        if (!sent) continue;
        await this.options.cardLocations.add(key, { ...sent, kind: 'personal' });
        reached++;
      }
    }).then(() => reached);
  }

  showReviewState(guest: GovernedGuest): Promise<void> {
    return this.enqueue(guest.userId, async () => {
      const key = reviewCardsKey(guest);
      if (!key) return;
      for (const location of await this.options.cardLocations.list(key)) {
        // Each copy keeps the language of its chat.
        const chat = await this.options.conversations.get(conversationKey(location.conversationId));
        await this.options.reach.updateCard(location, this.reviewCard(guest, chat?.locale), { userId: guest.userId });
      }
    });
  }

  remindRequester(guest: GovernedGuest, requestId: string): Promise<void> {
    return this.enqueue(guest.userId, async () => {
      const request = (await this.options.requests.get(requestId))?.value;
      const requesterId = request?.requester.id ?? guest.invitedBy?.id;
      if (!requesterId) {
        this.options.logger.warn({ userId: guest.userId, requestId }, 'no requester to remind of an unredeemed invitation');
        return;
      }
      const { removeUnredeemedAfterDays } = this.options.policy.lifecycle;
      const invitedAt = guest.invitedAt ? Date.parse(guest.invitedAt) : NaN;
      const removeAt = removeUnredeemedAfterDays !== undefined && !Number.isNaN(invitedAt) ? new Date(invitedAt + removeUnredeemedAfterDays * DAY_MS).toISOString() : undefined;
      const card = (locale: unknown) => {
        const language = this.languageOf(locale ?? request?.requester.locale);
        return renderUnredeemedReminder(translatorFor(language), guest, { formatDate: dateFormatterFor(language), requestId, removeAt });
      };
      await this.options.reach.sendCard(requesterId.toLowerCase(), card, () => this.serviceUrlNear(guest, request?.replyTo), { userId: guest.userId, requestId });
    });
  }

  /** Resolves once every delivery started so far has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** Always read-only when posted: Teams asks each viewer's own view through the card's refresh. */
  private reviewCard(guest: GovernedGuest, locale: unknown): object {
    const language = this.languageOf(locale);
    return renderGuestReview(translatorFor(language), guest, {
      mode: 'readOnly',
      reviewerIds: reviewerIds(guest),
      formatDate: dateFormatterFor(language),
      maxDays: accessDaysFor(this.options.policy.access, domainOf(guest.address)).maxDays,
      signInsReadable: this.options.signInsReadable(),
    });
  }

  /** A chat's language, as Teams last told it, else the organization's default language. */
  private languageOf(locale: unknown): string | undefined {
    return typeof locale === 'string' && locale ? locale : this.options.defaults.messageLanguage;
  }

  /** A Teams service URL heard from this tenant, for a chat that must be opened (see TeamsNotifier.serviceUrlNear). */
  private async serviceUrlNear(guest: GovernedGuest, replyTo?: string): Promise<string | undefined> {
    const people = [guest.invitedBy?.id, ...guest.sponsorIds].filter((id): id is string => Boolean(id));
    for (const key of [replyTo, ...people.map((id) => personalChatKey(id))]) {
      if (!key) continue;
      const url = (await this.options.conversations.get(key))?.serviceUrl;
      if (typeof url === 'string' && url) return url;
    }
    return this.options.policy.delivery.channel?.serviceUrl;
  }

  private enqueue(userId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.options.logger.warn({ err: error, userId }, 'lifecycle notification failed'))
      .finally(() => {
        if (this.queues.get(userId) === next) this.queues.delete(userId);
      });
    this.queues.set(userId, next);
    return next;
  }
}
