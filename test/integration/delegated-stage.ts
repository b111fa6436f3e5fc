import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { RecordedActivity } from '../support/fake-bot-connector';
import { FakeTokenService } from '../support/fake-token-service';
import { signInInvoke, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { BotHarness, CLIENT_ID, HarnessOptions, StandIns } from './bot-harness';

/** The bot's exposed API, as the manifest's webApplicationInfo and the Azure Bot's OAuth connection name it. */
export const SSO_APP_ID_URI = `api://guestpass.contoso.com/${CLIENT_ID}`;
export const SSO_CONNECTION = 'GuestPassSSO';
export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

let exchangeCounter = 0;

/**
 * A bot in a delegated Graph mode with everything it talks to: the usual stand-ins (Entra ID, whose token endpoint
 * does the on-behalf-of grant; Graph; the Bot Connector) plus a fake Bot Framework token service as BOT_OAUTH_URL.
 * The token service accepts an exchange only for a valid token issued by the fake Entra ID for SSO_APP_ID_URI.
 */
export class DelegatedStage {
  private constructor(
    readonly bot: BotHarness,
    readonly tokenService: FakeTokenService,
    private readonly standIns: StandIns,
  ) {}

  static async start(mode: 'delegated' | 'delegated-app-lookups', options: HarnessOptions = {}): Promise<DelegatedStage> {
    const standIns = await StandIns.start(options.seed, options.appRoles);
    const tokenService = new FakeTokenService({
      acceptExchange: (token) => standIns.entra.isValidToken(token, SSO_APP_ID_URI),
      exchangeResourceUri: SSO_APP_ID_URI,
    });
    await tokenService.start();
    const bot = await BotHarness.start({
      ...options,
      standIns,
      env: {
        GRAPH_AUTH_MODE: mode,
        SSO_CONNECTION_NAME: SSO_CONNECTION,
        SSO_APP_ID_URI,
        BOT_OAUTH_URL: tokenService.url,
        ...options.env,
      },
    });
    return new DelegatedStage(bot, tokenService, standIns);
  }

  /** The token Teams single sign-on would hand the bot for `user`: issued by Entra ID for the bot's API. */
  ssoToken(user: TeamsUser = TEAMS_TEST_USERS.megan, audience = SSO_APP_ID_URI): string {
    return this.standIns.entra.issueUserToken({
      tenantId: SANDBOX_IDS.tenant,
      audience,
      oid: user.aadObjectId,
      upn: `${user.name.split(' ')[0]!.toLowerCase()}@contoso.com`,
      name: user.name,
      scopes: ['access_as_user'],
    });
  }

  /** Teams' `signin/tokenExchange` for `token`; `id` as Teams sends it (the same from each of the person's clients). */
  exchange(token: string, options: { from?: TeamsUser; conversationId?: string; id?: string } = {}) {
    const id = options.id ?? `exchange-${(exchangeCounter += 1)}`;
    return this.bot.send(
      signInInvoke({
        ...this.bot.activityOptions({ from: options.from, conversationId: options.conversationId }),
        name: 'signin/tokenExchange',
        value: { id, connectionName: SSO_CONNECTION, token },
      }),
    );
  }

  /** Teams' `signin/verifyState` with the magic code the sign-in page gave. */
  verifyState(code: string, options: { from?: TeamsUser; conversationId?: string } = {}) {
    return this.bot.send(
      signInInvoke({ ...this.bot.activityOptions(options), name: 'signin/verifyState', value: { state: code } }),
    );
  }

  /** The on-behalf-of requests the fake Entra ID answered. */
  onBehalfOfRequests() {
    return this.standIns.entra.tokenRequests.filter((request) => request.parameters.requested_token_use === 'on_behalf_of');
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.tokenService.stop();
    await this.standIns.stop();
  }
}

/** The OAuth card in a recorded activity, or undefined. */
export function oauthCardOf(recorded: RecordedActivity | undefined): Record<string, any> | undefined {
  const attachment = recorded?.activity.attachments?.find((candidate) => candidate.contentType === OAUTH_CARD);
  return attachment?.content as Record<string, any> | undefined;
}

/** The claims of the bearer token a recorded Graph request carried. */
export function bearerOf(request: { headers: Record<string, unknown> } | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(String(request?.headers.authorization ?? ''));
  if (!match) throw new Error('no bearer token on the request');
  return match[1]!;
}
