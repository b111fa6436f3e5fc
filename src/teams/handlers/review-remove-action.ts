import { REVIEW_REMOVE } from '../../cards/verbs';
import { CardActionHandler } from './handler';
import { answerReview } from './review-answer';

/** The review card's Remove: the guest is disabled (then deleted after the grace period) under the run's safety net. */
export const reviewRemoveAction: CardActionHandler = {
  verb: REVIEW_REMOVE,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  handle: (turn, data, services) => answerReview(turn, services, data, { kind: 'remove' }),
};
