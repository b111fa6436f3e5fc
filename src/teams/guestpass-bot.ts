import {
  ActivityTypes,
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  Channels,
  FileConsentCardResponse,
  InvokeResponse,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { SpanKind } from '@opentelemetry/api';
import { CARD_LOCALE_FIELD } from '../cards/elements';
import { SUPPORTED_LANGUAGES, translatorFor } from '../i18n';
import { accountRefusal } from './account-gate';
import { annotateActiveSpan, inSpan } from '../telemetry/instruments';
import { turnActivityProblems } from './activity-shape';
import { BotServices } from './bot-services';
import { TeamsBulk } from './bulk/teams-bulk';
import { parseCommand } from './command-parser';
import { conversationKey, personalChatKey } from './conversation-keys';
import { REGISTRY } from './handlers/registry';
import { unknownCommand } from './handlers/help-command';
import { CardActionHandler } from './handlers/handler';
import { messageResponse, replyWithCard, replyWithText } from './handlers/responses';
import { plainText } from './message-text';
import { RequesterResolver } from './requester-resolver';
import { PendingWork } from './sso/pending-work';
import { SignInGate } from './sso/sign-in-gate';
import { isSignInInvoke } from './sso/sign-in-invokes';
import { dateFormatterFor, Turn } from './turn';
import { boundedCache } from '../bounded-cache';

const MAX_MESSAGE_TEXT = 20_000;
/** Conversation references this instance knows it has stored (bounded; the least recently seen is forgotten first). */
const MAX_REMEMBERED = 10_000;

/**
 * The Teams face of GuestPass: reads commands and card actions, hands them to the registered handler, and keeps
 * the bot's conversations on record for later notifications. No business rule lives here.
 */
export class GuestPassBot extends TeamsActivityHandler {
  private readonly requesters = new RequesterResolver();
  private readonly remembered = boundedCache<string, string>({ max: MAX_REMEMBERED });

  private readonly services: BotServices;

  constructor(
    services: BotServices,
    /** When set, activities from any other tenant are refused. */
    private readonly tenantId?: string,
    /** Bulk invitations from a CSV sent to the bot; without it, files are not read. */
    private readonly bulk?: TeamsBulk,
    /** Delegated Graph modes: turns run as their sender, who signs in (Teams SSO) before work needing it. */
    private readonly signIn?: SignInGate,
  ) {
    super();
    // The bulk preview's buttons are registered with the other verbs; they reach the flow through the services.
    this.services = bulk ? { ...services, bulk } : services;
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await replyWithText(context, translatorFor(context.activity.locale)('welcome'));
      await next();
    });
  }

  /** One span per turn (when telemetry is on): what kind of activity, and later which command or verb, never text. */
  override run(context: TurnContext): Promise<void> {
    const { type, name } = context.activity;
    return inSpan('turn', SpanKind.SERVER, { 'guestpass.activity.type': spanWord(type), ...(name ? { 'guestpass.invoke.name': spanWord(name) } : {}) }, () =>
      this.runTurn(context),
    );
  }

  private async runTurn(context: TurnContext): Promise<void> {
    // The HTTP edge refuses malformed activities; this catches those that arrive another way.
    const problems = turnActivityProblems(context.activity);
    if (problems.length > 0) {
      this.services.logger.warn({ problems: problems.slice(0, 10) }, 'malformed activity ignored');
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: StatusCodes.BAD_REQUEST } });
      }
      return;
    }
    if (context.activity.channelId !== Channels.Msteams) {
      // Only Teams vouches for the sender's Entra identity and tenant; other channels of the bot's registration
      // (Web Chat is on by default) carry what their client wrote, under a token just as valid.
      this.services.logger.warn({ channelId: context.activity.channelId.slice(0, 64) }, 'activity from a channel other than Teams refused');
      if (context.activity.type === ActivityTypes.Message) {
        await replyWithText(context, translatorFor(context.activity.locale)('otherChannel'));
      } else if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    if (!this.isOwnTenant(context)) {
      this.services.logger.warn({ tenantId: tenantOf(context) }, 'activity from another tenant refused');
      if (context.activity.type === ActivityTypes.Message) {
        await replyWithText(context, translatorFor(context.activity.locale)('foreignTenant'));
      } else if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    if (this.signIn) await this.signIn.withinTurn(context, () => super.run(context));
    else await super.run(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = await this.turnFor(context);
    if (!turn) return replyWithText(context, translatorFor(context.activity.locale)('unknownPerson'));
    await this.remember(context, turn);
    // The SDK's helper assumes text; a message may carry only an attachment (a file) and a mention.
    if (typeof context.activity.text === 'string') TurnContext.removeRecipientMention(context.activity);
    const text = plainText(String(context.activity.text ?? '').slice(0, MAX_MESSAGE_TEXT));
    const command = parseCommand(text);
    annotateActiveSpan({ 'guestpass.command': command.name });
    try {
      await this.perform(turn, this.bulk?.isFileMessage(context.activity) ? { kind: 'file' } : { kind: 'command', command });
    } catch (error) {
      this.services.logger.error({ err: error, command: command.name }, 'command failed');
      await replyWithText(context, turn.t('errors.unexpected'));
    }
  }

  /** An invoke GuestPass does not take is the caller's mistake (400), not a server failure (the SDK's 501). */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (this.signIn && isSignInInvoke(context.activity.name)) return this.onSignIn(this.signIn, context);
    const response = await super.onInvokeActivity(context);
    if (response?.status !== StatusCodes.NOT_IMPLEMENTED) return response;
    this.services.logger.debug({ name: context.activity.name }, 'unsupported invoke');
    return { status: StatusCodes.BAD_REQUEST };
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = invokeValue?.action?.data;
    const fields = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    const turn = await this.turnFor(context, await this.cardLocale(context, fields));
    const t = turn?.t ?? translatorFor(context.activity.locale);
    if (!turn) return messageResponse(t('unknownPerson'));
    const verb = typeof invokeValue?.action?.verb === 'string' ? invokeValue.action.verb : '';
    const handler = REGISTRY.cardActions.get(verb);
    if (!handler) return messageResponse(t('unknownAction'));
    annotateActiveSpan({ 'guestpass.card.verb': verb });
    await this.remember(context, turn);
    try {
      return await this.services.followUp.answerWithin(turn, verb, (inTime) => this.performCardAction(inTime, handler, fields));
    } catch (error) {
      this.services.logger.error({ err: error, verb }, 'card action failed');
      return messageResponse(t('errors.unexpected'));
    }
  }

  /** The file consent card of a bulk run's result file (`fileConsent/invoke`): accepted, it is uploaded; declined, discarded. */
  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.onFileConsent(context, response);
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.onFileConsent(context, response);
  }

  private async onFileConsent(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const turn = await this.turnFor(context);
    if (!this.bulk || !turn) return;
    await this.bulk.onFileConsent(turn, response);
  }

  /** A command or a bulk file; in the delegated modes, after the person signs in if it needs their authority. */
  private async perform(turn: Turn, work: PendingWork): Promise<void> {
    const run = async () => {
      const refusal = await accountRefusal(turn, this.services.invitations.access, work);
      if (refusal) return replyWithText(turn.context, refusal);
      if (work.kind === 'file') await this.bulk?.onFileMessage(turn);
      // A command kept by an earlier version (before a sign-in that spans an upgrade) may have been retired since.
      else if (work.kind === 'command') await (REGISTRY.commands.get(work.command.name) ?? unknownCommand).handle(turn, work.command, this.services, REGISTRY);
    };
    return this.signIn ? this.signIn.runCommand(turn, work, run) : run();
  }

  private performCardAction(turn: Turn, handler: CardActionHandler, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    const run = async () => {
      const refusal = await accountRefusal(turn, this.services.invitations.access, { kind: 'cardAction', verb: handler.verb, data });
      return refusal ? messageResponse(refusal) : handler.handle(turn, data, this.services);
    };
    return this.signIn ? this.signIn.runCardAction(turn, { kind: 'cardAction', verb: handler.verb, data }, run) : run();
  }

  /** `signin/tokenExchange` and `signin/verifyState`: the sign-in completes and the kept command runs. */
  private async onSignIn(signIn: SignInGate, context: TurnContext): Promise<InvokeResponse> {
    const turn = await this.turnFor(context);
    if (!turn) return { status: StatusCodes.BAD_REQUEST };
    return signIn.onSignInInvoke(turn, (resumed, work) => this.resume(resumed, work));
  }

  /** What the person asked for before signing in, answered in the chat (a button's answer included). */
  private async resume(turn: Turn, work: PendingWork): Promise<void> {
    if (work.kind !== 'cardAction') {
      return work.kind === 'file' ? replyWithText(turn.context, turn.t('sso.sendFileAgain')) : this.perform(turn, work);
    }
    const handler = REGISTRY.cardActions.get(work.verb);
    if (!handler) return replyWithText(turn.context, turn.t('unknownAction'));
    const answer = await this.performCardAction(turn, handler, work.data);
    if (answer.type === 'application/vnd.microsoft.card.adaptive') await replyWithCard(turn.context, answer.value as object);
    else await replyWithText(turn.context, String(answer.value));
  }

  /**
   * The language of a card action when the client sends no locale with it (some Teams clients do not): the one
   * the card was written in, else the one last heard in this conversation. Only a language GuestPass speaks is
   * taken from the card's data, which comes back from the client like any input.
   */
  private async cardLocale(context: TurnContext, data: Record<string, unknown>): Promise<string | undefined> {
    if (typeof context.activity.locale === 'string' && context.activity.locale !== '') return undefined;
    const fromCard = data[CARD_LOCALE_FIELD];
    if (typeof fromCard === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(fromCard)) return fromCard;
    const conversationId = context.activity.conversation?.id;
    const stored = typeof conversationId === 'string' ? await this.services.conversations.get(conversationKey(conversationId)) : undefined;
    return typeof stored?.locale === 'string' && stored.locale.length <= 35 ? stored.locale : undefined;
  }

  /** `fallbackLocale` is used when the activity carries no locale of its own. */
  private async turnFor(context: TurnContext, fallbackLocale?: string): Promise<Turn | undefined> {
    const resolved = await this.requesters.resolve(context);
    if (!resolved) return undefined;
    const requester = resolved.locale === undefined && fallbackLocale ? { ...resolved, locale: fallbackLocale } : resolved;
    const locale = requester.locale;
    return { context, requester, t: translatorFor(locale), formatDate: dateFormatterFor(locale) };
  }

  /** Keeps where this person can be reached: the conversation (for answers) and their personal chat. */
  private async remember(context: TurnContext, turn: Turn): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    // A turn without a locale keeps the language it was answered in, rather than forgetting the one on record.
    if (!reference.locale && turn.requester.locale) reference.locale = turn.requester.locale;
    const conversation = context.activity.conversation;
    await this.save(conversationKey(conversation.id), reference);
    if (conversation.conversationType === 'personal') await this.save(personalChatKey(turn.requester.id), reference);
  }

  /**
   * A conversation's reference rarely changes between turns (the activity id aside, which proactive messages do
   * not need): writing it again only when it differs saves a store write on almost every turn.
   */
  private async save(key: string, reference: Record<string, unknown>): Promise<void> {
    const { activityId: _activityId, ...stable } = reference;
    const fingerprint = JSON.stringify(stable);
    if (this.remembered.get(key) === fingerprint) return;
    await this.services.conversations.save(key, reference);
    this.remembered.set(key, fingerprint);
  }

  private isOwnTenant(context: TurnContext): boolean {
    if (!this.tenantId) return true;
    return tenantOf(context)?.toLowerCase() === this.tenantId.toLowerCase();
  }
}

function tenantOf(context: TurnContext): string | undefined {
  const { conversation, channelData } = context.activity;
  const fromConversation: unknown = conversation?.tenantId;
  const fromChannelData: unknown = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromConversation === 'string') return fromConversation;
  return typeof fromChannelData === 'string' ? fromChannelData : undefined;
}

/** An activity's type or invoke name as a span attribute: a plain identifier as sent, anything else `other`. */
function spanWord(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z/]{0,63}$/.test(value) ? value : 'other';
}
