import { BULK_CANCEL, BULK_CONFIRM } from '../../cards/bulk-verbs';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/** The preview card's Confirm: checks the file again and starts the run (invitations, group additions). */
export const bulkConfirmAction: CardActionHandler = {
  verb: BULK_CONFIRM,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  handle: (turn, data, services) => (services.bulk ? services.bulk.confirm(turn, data) : Promise.resolve(messageResponse(turn.t('unknownAction')))),
};

/** The preview card's Cancel: forgets the upload; nothing was sent. */
export const bulkCancelAction: CardActionHandler = {
  verb: BULK_CANCEL,
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  handle: (turn, data, services) => (services.bulk ? services.bulk.cancel(turn, data) : Promise.resolve(messageResponse(turn.t('unknownAction')))),
};
