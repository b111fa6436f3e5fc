import { AdaptiveCardInvokeResponse } from 'botbuilder';
import { BotServices } from '../bot-services';
import { LifecycleServices } from '../lifecycle-services';
import { Turn } from '../turn';
import { readGuestRef } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/** What a button's own data check gives: its input, or the message that refuses the press before any work. */
export type ButtonInput<Input> = { input: Input } | { refusal: string };

/**
 * The frame the lifecycle's per-guest buttons (Extend, Remove, Withdraw, Assign sponsor) share: they act with the
 * app's authority, as the runs do (so no sign-in in the delegated modes); the lifecycle must be set up; the card's
 * data must name a guest (it can be forged, so it is checked, and the use case decides who may act on whom); and
 * the answer comes within Teams' wait, the card updated later when the work takes longer.
 */
export function guestButton<Input>(spec: {
  verb: string;
  /** Names the work in the log. */
  operation: string;
  /** Checks the rest of the card's data (the turn's language for the refusal). */
  read?: (data: Record<string, unknown>, turn: Turn) => ButtonInput<Input>;
  act: (late: Turn, lifecycle: LifecycleServices, guest: { userId: string }, input: Input, services: BotServices) => Promise<AdaptiveCardInvokeResponse>;
}): CardActionHandler {
  return {
    verb: spec.verb,
    audience: 'accountsThatMayAct',
    graphRights: 'none',
    async handle(turn, data, services) {
      const lifecycle = services.lifecycle;
      if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
      const guest = readGuestRef(data);
      if (!guest) return messageResponse(turn.t('decision.badRequest'));
      const read = spec.read ? spec.read(data, turn) : { input: undefined as Input };
      if ('refusal' in read) return messageResponse(read.refusal);
      return services.followUp.answerWithin(turn, spec.operation, (late) => spec.act(late, lifecycle, guest, read.input, services));
    },
  };
}
