import { Logger } from 'pino';
import { InvitationContext } from '../invitation/invitation-context';
import { InvitationRequest } from '../invitation/invitation-request';
import { ConversationReferenceStore } from '../storage/store';
import { CardFollowUp } from './card-follow-up';
import type { TeamsBulk } from './bulk/teams-bulk';
import { LifecycleServices } from './lifecycle-services';
import { PrivateChat } from './private-chat';

/** What the Teams handlers are given: the domain's use cases and the transport's own state. */
export interface BotServices {
  invitations: InvitationContext;
  conversations: ConversationReferenceStore;
  logger: Logger;
  /** Reaches the person behind a turn in their own 1:1 chat (for what a shared chat must not see). */
  privateChat: PrivateChat;
  /** Answers a card action at once and updates its card when the slow part, run in the background, ends. */
  followUp: CardFollowUp;
  /** Teams user ids (MRIs) of the people who may decide `request`, for the approval card's user-specific view. */
  approverIds(request: InvitationRequest): Promise<string[]>;
  /** Bulk invitations from a CSV sent to the bot; without it, files are not read and the preview's buttons say so. */
  bulk?: TeamsBulk;
  /** The guest lifecycle (reviews, my guests, orphans, restore); unset where it is not wired (the command line). */
  lifecycle?: LifecycleServices;
}
