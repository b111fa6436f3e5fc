import { issueRedeemLink } from '../../invitation/redeem-link';
import { guestActionRefusalText } from './guest-action-text';
import { CommandHandler } from './handler';
import { deliverRedeemLink } from './link-delivery';
import { replyWithText } from './responses';

export interface LinkCommand {
  name: 'link';
  email: string;
}

/**
 * `link <email>`: a fresh redeem URL for a pending guest. Asked in a personal chat, the link is the answer; asked
 * in a group chat or channel, the link goes to the asker privately and the shared chat only gets a note.
 */
export const linkCommand: CommandHandler<LinkCommand> = {
  command: 'link',
  trigger: {
    words: ['link'],
    parse: ({ words }) => (words[0] ? { name: 'link', email: words[0] } : { name: 'usageError', command: 'link', problem: 'missingArgument' }),
  },
  help: [{ rank: 90, usage: 'link EMAIL', descriptionKey: 'help.link' }],
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, command, services) {
    const outcome = await issueRedeemLink(services.invitations, turn.requester, { email: command.email });
    // The outcome kind only: an `issued` outcome carries the URL, which must never reach a log.
    services.logger.info({ outcome: outcome.kind }, 'link command');
    if (outcome.kind !== 'issued') return replyWithText(turn.context, guestActionRefusalText(turn.t, outcome, 'newLink'));
    const delivery = await deliverRedeemLink(turn, services, outcome);
    if (delivery === 'privately') {
      await replyWithText(turn.context, turn.t('link.sentPrivately', { name: turn.requester.displayName, email: outcome.email }));
    } else if (delivery === 'notDelivered') {
      await replyWithText(turn.context, turn.t('link.notDelivered'));
    }
  },
};
