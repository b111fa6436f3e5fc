import { REVIEW_KEEP } from '../../cards/verbs';
import { readKeepDays } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { answerReview } from './review-answer';

/** The review card's Keep: the guest keeps access for the days chosen, within the domain's maximum. */
export const reviewKeepAction: CardActionHandler = {
  verb: REVIEW_KEEP,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  handle(turn, data, services) {
    const days = readKeepDays(data);
    return answerReview(turn, services, data, days === undefined ? undefined : { kind: 'keep', days });
  },
};
