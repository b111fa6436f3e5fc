import { CommandHandler } from '../../../src/teams/handlers/handler';
import { replyWithText } from '../../../src/teams/handlers/responses';
import { remainingQuota } from './remaining-quota';

/**
 * Step 2 of CONTRIBUTING.md's "adding a command", the handler (src/teams/handlers/quota-command.ts), declaring
 * itself whole. It is found by its file's name, as a handler file in src/teams/handlers is: no list names it.
 */
export interface QuotaCommand {
  name: 'quota';
}

export const quotaCommand: CommandHandler<QuotaCommand> = {
  command: 'quota',
  trigger: { words: ['quota'], parse: () => ({ name: 'quota' }) },
  help: [{ rank: 145, usage: 'quota', descriptionKey: 'help.quota' }],
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  menu: [],
  async handle(turn, _command, services) {
    const { left } = await remainingQuota(services.invitations, turn.requester);
    await replyWithText(turn.context, turn.t('quota.left', { count: left }));
  },
};
