import { AdaptiveCardInvokeResponse, InvokeResponse, MessageFactory, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { DirectoryError } from '../../invitation/directory-error';
import { messageResponse, replyWithText } from '../handlers/responses';
import { Turn } from '../turn';
import { ActingPeople, TurnPerson } from './acting-people';
import { PendingSignIns } from './pending-sign-ins';
import { PendingWork, workName } from './pending-work';
import { DelegatedMode, needsSignIn } from './sign-in-needs';
import { ResumeWork, SignInInvokes } from './sign-in-invokes';
import { UserTokens } from './user-tokens';

export interface SignInGateOptions {
  mode: DelegatedMode;
  tokens: UserTokens;
  people: ActingPeople;
  pending: PendingSignIns;
  /**
   * Whether the person's token is theirs and can be exchanged on-behalf-of them for Graph; undefined when it can.
   * Checked before a command runs, so a refusal never leaves a failed request behind.
   */
  verify(assertion: string, userId: string): Promise<DirectoryError | undefined>;
  logger: Logger;
}

/** Why work did not run now; `note` is what to tell the person, when the sign-in card does not say it already. */
type Refusal = { askedToSignIn: true } | { note: string };

/**
 * Teams single sign-on for the delegated modes. Every turn runs as its sender (`withinTurn`), so the Graph gateway
 * acts with their authority. Work that needs it waits for the person to sign in: the command is kept, the OAuth
 * card is sent, and the command runs once the sign-in completes (`onSignInInvoke`).
 */
export class SignInGate {
  private readonly invokes: SignInInvokes;

  constructor(private readonly options: SignInGateOptions) {
    this.invokes = new SignInInvokes(options);
  }

  /** Runs a whole turn as the person who sent it; their token is fetched only if something needs it. */
  withinTurn(context: TurnContext, run: () => Promise<void>): Promise<void> {
    const from = context.activity.from as { aadObjectId?: unknown } | undefined;
    const userId = typeof from?.aadObjectId === 'string' ? from.aadObjectId : '';
    // Someone Teams did not identify still gets a scope, one without a token: nothing runs with the app's authority.
    const person = new TurnPerson(userId, () => (userId ? this.options.tokens.get(context) : Promise.resolve(undefined)));
    return this.options.people.run(person, run);
  }

  /** A chat command (or a file): runs now, or waits for the sign-in whose card this sends. */
  async runCommand(turn: Turn, work: PendingWork, perform: () => Promise<void>): Promise<void> {
    const refusal = await this.admit(turn, work);
    if (!refusal) return perform();
    if ('note' in refusal) await replyWithText(turn.context, refusal.note);
  }

  /** A card button: as `runCommand`, and the button's answer says to sign in (the card goes to the chat). */
  async runCardAction(turn: Turn, work: PendingWork, perform: () => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
    const refusal = await this.admit(turn, work);
    if (!refusal) return perform();
    return messageResponse('note' in refusal ? refusal.note : turn.t('sso.signInFirst'));
  }

  onSignInInvoke(turn: Turn, resume: ResumeWork): Promise<InvokeResponse> {
    return this.invokes.handle(turn, resume);
  }

  private async admit(turn: Turn, work: PendingWork): Promise<Refusal | undefined> {
    if (!needsSignIn(this.options.mode, work)) return undefined;
    const person = this.options.people.current();
    const assertion = await person?.assertion();
    if (!assertion) return this.askToSignIn(turn, work, person);
    const problem = await this.options.verify(assertion, turn.requester.id);
    if (!problem) return undefined;
    this.options.logger.warn({ kind: problem.kind, work: workName(work) }, 'the person\'s sign-in cannot be used for Graph');
    if (problem.kind !== 'signInRequired') return { note: turn.t('sso.delegationFailed') };
    // Expired, revoked, or not theirs: drop it at the token service so the next sign-in starts afresh.
    await this.options.tokens.signOut(turn.context);
    person?.forget();
    return this.askToSignIn(turn, work, person);
  }

  private async askToSignIn(turn: Turn, work: PendingWork, person: TurnPerson | undefined): Promise<Refusal> {
    // A sign-in completed in this very turn and still no usable token: another card would only loop.
    if (person?.signedInThisTurn) return { note: turn.t('sso.signInFailed') };
    await this.options.pending.keep(turn.requester.id, turn.context.activity.conversation.id, work);
    const card = await this.options.tokens.signInCard(turn.context, turn.t);
    await turn.context.sendActivity(MessageFactory.attachment(card));
    this.options.logger.info({ work: workName(work) }, 'sign-in asked for; the request waits for it');
    return { askedToSignIn: true };
  }
}
