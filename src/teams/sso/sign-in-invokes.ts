import { InvokeResponse, StatusCodes, tokenExchangeOperationName, verifyStateOperationName } from 'botbuilder';
import { Logger } from 'pino';
import { replyWithText } from '../handlers/responses';
import { Turn } from '../turn';
import { ActingPeople, HeldToken } from './acting-people';
import { ExchangeDedup } from './exchange-dedup';
import { PendingSignIns } from './pending-sign-ins';
import { PendingWork, workName } from './pending-work';
import { UserTokens } from './user-tokens';

export type ResumeWork = (turn: Turn, work: PendingWork) => Promise<void>;

export interface SignInInvokesOptions {
  tokens: UserTokens;
  people: ActingPeople;
  pending: PendingSignIns;
  logger: Logger;
}

/** The failure detail Teams expects before it falls back to showing the sign-in button. */
const EXCHANGE_FAILED = 'The bot is unable to exchange token. Proceed with regular login.';
const MAX_CODE_LENGTH = 64;

export function isSignInInvoke(name: unknown): boolean {
  return name === tokenExchangeOperationName || name === verifyStateOperationName;
}

/**
 * The two ways a sign-in completes. `signin/tokenExchange`: Teams single sign-on handed over a token for the
 * bot's API, which the token service exchanges and keeps (200), or refuses (412 with the exchange's id,
 * connection and a failure detail, so Teams shows the sign-in button instead). `signin/verifyState`: the person
 * used the button and Teams brings the magic code, which the token service redeems. Either way, the command the
 * person gave before signing in then runs, and answers in the chat.
 */
export class SignInInvokes {
  private readonly dedup = new ExchangeDedup<InvokeResponse>();

  constructor(private readonly options: SignInInvokesOptions) {}

  async handle(turn: Turn, resume: ResumeWork): Promise<InvokeResponse> {
    const { activity } = turn.context;
    if (activity.name === tokenExchangeOperationName) {
      const request = readExchangeRequest(activity.value);
      const connectionName = this.options.tokens.connectionName;
      if (!request || request.connectionName !== connectionName) {
        return { status: StatusCodes.BAD_REQUEST, body: { id: request?.id, connectionName, failureDetail: 'Not a token exchange for this bot\'s connection.' } };
      }
      const key = `${activity.conversation.id}|${activity.from.id}|${request.id}`;
      return this.dedup.once(key, () => this.exchange(turn, request, resume), (answer) => answer.status === StatusCodes.OK);
    }
    const code = readMagicCode(activity.value);
    if (!code) return { status: StatusCodes.BAD_REQUEST };
    const held = await this.options.tokens.get(turn.context, code);
    if (!held) {
      this.options.logger.info('sign-in code not accepted by the token service');
      return { status: StatusCodes.NOT_FOUND };
    }
    await this.signedIn(turn, held, resume);
    return { status: StatusCodes.OK };
  }

  private async exchange(turn: Turn, request: ExchangeRequest, resume: ResumeWork): Promise<InvokeResponse> {
    const { id, connectionName } = request;
    const held = await this.options.tokens.exchange(turn.context, request.token);
    if (!held) {
      this.options.logger.info('single sign-on token not exchanged; Teams falls back to the sign-in button');
      return { status: StatusCodes.PRECONDITION_FAILED, body: { id, connectionName, failureDetail: EXCHANGE_FAILED } };
    }
    await this.signedIn(turn, held, resume);
    return { status: StatusCodes.OK, body: { id, connectionName } };
  }

  /** The person is signed in: run what they asked for before (once, whichever instance gets here first). */
  private async signedIn(turn: Turn, held: HeldToken, resume: ResumeWork): Promise<void> {
    this.options.people.current()?.remember(held);
    const { context, requester } = turn;
    const work = await this.options.pending.take(requester.id, context.activity.conversation.id);
    if (!work) {
      await replyWithText(context, turn.t('sso.signedIn'));
      return;
    }
    this.options.logger.info({ work: workName(work) }, 'signed in: resuming the request');
    try {
      await resume(turn, work);
    } catch (error) {
      this.options.logger.error({ err: error, work: workName(work) }, 'resumed request failed');
      await replyWithText(context, turn.t('errors.unexpected'));
    }
  }
}

interface ExchangeRequest {
  id: string;
  connectionName: string;
  token: string;
}

function readExchangeRequest(value: unknown): ExchangeRequest | undefined {
  const { id, connectionName, token } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof connectionName !== 'string' || typeof token !== 'string' || !id || !token) return undefined;
  return { id: id.slice(0, 256), connectionName, token };
}

function readMagicCode(value: unknown): string | undefined {
  const state = (typeof value === 'object' && value !== null ? (value as { state?: unknown }).state : undefined);
  return typeof state === 'string' && state.trim() !== '' && state.length <= MAX_CODE_LENGTH ? state.trim() : undefined;
}
