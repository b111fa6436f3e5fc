import { TokenCredential } from '@azure/identity';
import { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import restify from 'restify';
import { BottleneckPacer, GRAPH_INVITATION_PACING, PacingOptions } from './bulk/bottleneck-pacer';
import { StoreBulkLedger } from './bulk/store-ledger';
import { AppConfig, ConfigurationError, loadConfig, loadPolicy } from './config';
import {
  cloudSupportsSponsors,
  createGraphCredential,
  DelegatingDirectory,
  GraphConnection,
  GraphDirectory,
  longestGraphCallMs,
  OnBehalfOfDirectories,
} from './graph';
import { graphScope } from './graph/graph-hosts';
import { GraphGuestAccounts } from './graph/graph-guest-accounts';
import { GraphRequestPacer } from './graph/graph-request-pacer';
import { lifecycleStartRefusal } from './graph/lifecycle-permissions';
import { GraphTeamwork } from './graph/graph-teamwork';
import { translatorFor } from './i18n';
import { AccessControl } from './invitation/access-control';
import { ApproverDirectory } from './invitation/approver-directory';
import { BulkLedger } from './invitation/bulk-ports';
import { longestInvitationMs } from './invitation/carry-out-invitation';
import { Clock, systemClock } from './invitation/clock';
import { InvitationContext } from './invitation/invitation-context';
import { invitationDefaults } from './invitation/invitation-defaults';
import { assignSponsor } from './invitation/lifecycle/assign-sponsor';
import { extendAccess } from './invitation/lifecycle/extend-access';
import { LifecycleContext } from './invitation/lifecycle/lifecycle-context';
import { LifecycleNotifier } from './invitation/lifecycle/lifecycle-notifier';
import { decideReview } from './invitation/lifecycle/lifecycle-use-cases';
import { removeGuest } from './invitation/lifecycle/remove-guest';
import { restoreGuest } from './invitation/lifecycle/restore-guest';
import { SignInsSeen } from './invitation/lifecycle/sign-ins-seen';
import { orphanedGuests, sponsoredGuests } from './invitation/lifecycle/sponsored-guests';
import { withdrawInvitation } from './invitation/lifecycle/withdraw-invitation';
import { InvitationPolicy } from './invitation/policy';
import { newRequestId } from './invitation/request-id';
import { VerifiedDomains } from './invitation/verified-domains';
import { Drainables } from './drain';
import { BulkTakeoverJob } from './jobs/bulk-takeover-job';
import { HousekeepingJob } from './jobs/housekeeping-job';
import { InstanceHeartbeat } from './jobs/instance-heartbeat';
import { LifecycleJob } from './jobs/lifecycle-job';
import { RedemptionWatcher } from './jobs/redemption-watcher';
import { createLogger, Logger } from './logging/logger';
import { CountingAuditTrail } from './telemetry/counting-audit-trail';
import { RunningTelemetry, startTelemetry } from './telemetry/start-telemetry';
import type { GraphSimulator, RunningGraphSimulator } from './sandbox/graph-simulator';
import { createServer, ReadinessCheck } from './server';
import { exitOnSignals } from './shutdown';
import { announceMode } from './startup-announcement';
import { GuestPassStore, openStore } from './storage';
import { BackgroundWork } from './teams/background-work';
import { BotServices } from './teams/bot-services';
import { channelAuthenticationSettings } from './teams/channel-endpoints';
import { TeamsBulk } from './teams/bulk/teams-bulk';
import { CardFollowUp } from './teams/card-follow-up';
import { GuestPassBot } from './teams/guestpass-bot';
import { PersonalReach } from './teams/personal-reach';
import { PrivateChat } from './teams/private-chat';
import { ActingPeople, pacerKeepingActingPerson } from './teams/sso/acting-people';
import { GuestPassBotAuthentication } from './teams/sso/bot-authentication';
import { PendingSignIns } from './teams/sso/pending-sign-ins';
import { SignInGate } from './teams/sso/sign-in-gate';
import { DelegatedMode } from './teams/sso/sign-in-needs';
import { UserTokens } from './teams/sso/user-tokens';
import { TeamsLifecycleNotifier } from './teams/teams-lifecycle-notifier';
import { TeamsNotifier } from './teams/teams-notifier';

/** Parts a caller may supply instead of the ones configuration would build (tests, the CLI). */
export interface GuestPassOverrides {
  logger?: Logger;
  store?: GuestPassStore;
  clock?: Clock;
  policy?: InvitationPolicy;
  /** Replaces the credential configuration would choose. */
  graphCredential?: TokenCredential;
  /** Start the housekeeping timer (default true); tests run rounds by hand. */
  startJobs?: boolean;
  /** Bulk runs' pacing; Graph's invitation budget unless a test asks for a smaller one. */
  bulkPacing?: PacingOptions;
  /** How the guest lifecycle reaches people; by default the Teams notifier (cards in personal chats). */
  lifecycleNotifier?: LifecycleNotifier;
}

/** The application without its HTTP face: what the bot, its jobs and the command line share. */
export interface InvitationServices {
  invitations: InvitationContext;
  store: GuestPassStore;
  logger: Logger;
  /** Sends Teams proactive messages (approval cards, news), also for requests made from the command line. */
  adapter: CloudAdapter;
  notifier: TeamsNotifier;
  /** Whether Graph last let GuestPass read guests' last sign-ins (the lifecycle's cards say "not available" if not). */
  signInsReadable(): boolean;
  /** Reaches a person in their own 1:1 chat with the bot (for redeem URLs), for the notifier and the handlers alike. */
  privateChat: PrivateChat;
  /** Bulk runs share one pacer, whose budget every instance on the store shares: together they stay within the tenant's. */
  bulk: { pacer: BottleneckPacer; ledger: BulkLedger };
  /** Every Graph request of the guest lifecycle (its job and the people's verbs) goes through it. */
  lifecyclePacer: GraphRequestPacer;
  graph: { baseUrl: string; credential?: TokenCredential };
  /** Delegated Graph modes: who each turn acts for, and the per-person on-behalf-of directories. */
  delegation?: Delegation;
  /** Set when running against the built-in simulated directory. */
  sandbox?: { simulator: GraphSimulator; url: string };
  /** Closes the store (unless it was given), the pacer and the sandbox. */
  close(): Promise<void>;
}

export interface GuestPass {
  server: restify.Server;
  adapter: CloudAdapter;
  invitations: InvitationContext;
  store: GuestPassStore;
  housekeeping: HousekeepingJob;
  /** Tells requesters when their guest accepts; tests run its rounds by hand. */
  redemptionWatcher: RedemptionWatcher;
  /** Reviews, reminders and cleanup of guests (absent only without a lifecycle context); tests run rounds by hand. */
  lifecycleJob?: LifecycleJob;
  /** Paces the lifecycle's Graph requests. */
  lifecyclePacer: GraphRequestPacer;
  logger: Logger;
  /** Set when running against the built-in simulated directory. */
  sandbox?: { simulator: GraphSimulator; url: string };
  /** What card actions and bulk runs left running after their turn (one of the drainables); tests wait for it. */
  background: BackgroundWork;
  /**
   * What a shutdown waits for: turns in flight and the jobs are registered here; register any work that goes on
   * after its turn answered (see `Drainable`). Once it drains, /readyz answers 503.
   */
  drainables: Drainables;
  /**
   * Drains (within SHUTDOWN_TIMEOUT_SECONDS), then closes the store and the sandbox; `drained` says whether
   * everything finished. Does not close the HTTP server.
   */
  close(): Promise<{ drained: boolean }>;
  /** Closes the store and the sandbox after a drain; `drained` false keeps this instance's presence to lapse. */
  closeAfterDrain(drained: boolean): Promise<void>;
}

/**
 * Builds the invitation use cases and what they run on (store, Graph or the sandbox, policy, Teams notifier) from
 * configuration, without the bot's HTTP server or jobs: the command line uses exactly this, the bot builds on it.
 */
export async function createInvitationServices(config: AppConfig, overrides: GuestPassOverrides = {}): Promise<InvitationServices> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  const policy = overrides.policy ?? loadPolicy(config.policyFile);
  const credential = overrides.graphCredential ?? createGraphCredential(config.graph);
  // Before anything is opened: enforcement the app's permissions cannot carry out is a setup error.
  const lifecycleRefusal = credential ? await lifecycleStartRefusal(credential, config.graph.baseUrl, policy.lifecycle) : undefined;
  if (lifecycleRefusal) throw new ConfigurationError([lifecycleRefusal]);
  const store = overrides.store ?? (await openStore(config.store, (details, message) => logger.warn(details, message)));

  let sandbox: { simulator: GraphSimulator; running: RunningGraphSimulator } | undefined;
  let graphBaseUrl = config.graph.baseUrl;
  if (!credential) {
    const { GraphSimulator, sandboxDirectorySeed } = sandboxModule();
    const simulator = new GraphSimulator({ seed: sandboxDirectorySeed(), stateFile: config.sandboxDirectoryFile });
    const running = await simulator.listen({ host: '127.0.0.1', port: 0 });
    sandbox = { simulator, running };
    graphBaseUrl = running.url;
  }

  const graph = new GraphConnection({
    baseUrl: graphBaseUrl,
    credential,
    timeoutSeconds: config.graph.timeoutSeconds,
    maxRetries: config.graph.maxRetries,
  });
  const appDirectory = new GraphDirectory(graph);
  const delegation = delegationFor(config, appDirectory, graphBaseUrl);
  const directory = delegation?.directory ?? appDirectory;
  // Whether the acting person is a guest is asked with the app's authority, like their group memberships.
  const access = new AccessControl(policy, directory, appDirectory, clock);

  const adapter = new CloudAdapter(new GuestPassBotAuthentication(channelAuthenticationSettings(config.bot)));

  const { appId: botAppId, catalogAppId } = config.bot;
  // Without a bot identity (local development) there is no app in any catalog to install.
  const personalChats = botAppId || catalogAppId ? new GraphTeamwork(graph, { catalogAppId, manifestAppId: botAppId }) : undefined;
  const privateChat = new PrivateChat({ adapter, botAppId: config.bot.appId ?? '', conversations: store.conversations, logger });
  // Who the approvers are is GuestPass's own question, asked with the app's authority (also outside turns).
  const approvers = new ApproverDirectory(policy, appDirectory, appDirectory, clock, access);
  const limits = { maxMessageLength: config.invitations.maxMessageLength, defaultRedirectUrl: config.invitations.defaultRedirectUrl };
  const defaults = invitationDefaults({ policy, limits });
  const reach = new PersonalReach({ adapter, botAppId: config.bot.appId ?? '', tenantId: config.tenantId, conversations: store.conversations, personalChats, logger });
  const notifier = new TeamsNotifier({
    adapter,
    botAppId: config.bot.appId ?? '',
    tenantId: config.tenantId,
    policy,
    defaults,
    approvers,
    conversations: store.conversations,
    approvalCards: store.approvalCards,
    privateChat,
    personalChats,
    reach,
    logger,
  });

  const invitations: InvitationContext = {
    directory,
    requests: store.requests,
    audit: new CountingAuditTrail(store.audit),
    notifier,
    access,
    approvers,
    policy,
    verifiedDomains: new VerifiedDomains(directory, clock, config.invitations.verifiedDomainsCacheSeconds),
    clock,
    limits,
    state: store.state,
    sponsorsSupported: cloudSupportsSponsors(graphBaseUrl),
    newRequestId,
    tenantId: config.tenantId,
  };

  // The guest lifecycle; its clock is the use cases' (tests control it there).
  const lifecyclePacer = new GraphRequestPacer();
  const accounts = new SignInsSeen(new GraphGuestAccounts(graph, { pace: lifecyclePacer.pace }));
  const lifecycleNotifier = new TeamsLifecycleNotifier({
    reach,
    conversations: store.conversations,
    cardLocations: store.approvalCards,
    policy,
    defaults,
    requests: store.requests,
    signInsReadable: () => accounts.signInsReadable(),
    logger,
  });
  const lifecycle: LifecycleContext = {
    guests: store.guests,
    accounts,
    notifier: overrides.lifecycleNotifier ?? lifecycleNotifier,
    audit: invitations.audit,
    requests: store.requests,
    policy,
    approvers,
    access,
    people: appDirectory,
    clock: { now: () => invitations.clock.now() },
    tenantId: config.tenantId,
    sponsorsSupported: invitations.sponsorsSupported,
  };
  invitations.lifecycle = lifecycle;

  // Every instance on the store, the command line too, shares the tenant's one invitation budget.
  const pacing = overrides.bulkPacing ?? { ...GRAPH_INVITATION_PACING, requestsPerWindow: config.bulkInvitationsPer5Seconds ?? GRAPH_INVITATION_PACING.requestsPerWindow };
  const pacer = new BottleneckPacer(pacing, { state: store.state });
  return {
    invitations,
    store,
    logger,
    adapter,
    notifier,
    signInsReadable: () => accounts.signInsReadable(),
    privateChat,
    bulk: { pacer, ledger: new StoreBulkLedger(store.state, store.leases, clock) },
    lifecyclePacer,
    graph: { baseUrl: graphBaseUrl, credential },
    delegation,
    sandbox: sandbox ? { simulator: sandbox.simulator, url: sandbox.running.url } : undefined,
    async close() {
      await pacer.close();
      await lifecyclePacer.close();
      await notifier.drain();
      await lifecycleNotifier.drain();
      if (!overrides.store) await store.close();
      await sandbox?.running.close();
    },
  };
}

/** Builds the whole bot from configuration: the composition root, and the only place parts are wired together. */
export async function createGuestPass(config: AppConfig, overrides: GuestPassOverrides = {}): Promise<GuestPass> {
  // Before anything that is traced or counted is made; off (and never loaded) unless configured.
  const telemetry: RunningTelemetry | undefined = config.telemetry ? startTelemetry(config.telemetry) : undefined;
  const app = await createInvitationServices(config, overrides);
  const { invitations, store, logger, adapter, notifier } = app;
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'unhandled error in turn');
    const sorry = translatorFor(context.activity.locale)('errors.unexpected');
    if (context.activity.type === 'message') {
      await context.sendActivity(sorry).catch(() => undefined);
    } else if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action') {
      // A card button still gets a message the person can read, rather than Teams' generic failure.
      const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: sorry };
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } }).catch(() => undefined);
    }
  };

  const continueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) =>
    adapter.continueConversationAsync(config.bot.appId ?? '', reference, logic);
  const background = new BackgroundWork(logger);
  const followUp = new CardFollowUp({ background, continueConversation, logger });
  const services: BotServices = {
    invitations,
    followUp,
    conversations: store.conversations,
    logger,
    approverIds: (request) => notifier.approverIds(request),
    privateChat: app.privateChat,
    lifecycle: invitations.lifecycle && {
      ctx: invitations.lifecycle,
      useCases: { decideReview, restoreGuest, extendAccess, removeGuest, sponsoredGuests, orphanedGuests, assignSponsor, withdrawInvitation },
      signInsReadable: () => app.signInsReadable(),
    },
  };
  const { delegation } = app;
  const signIn = delegation
    ? new SignInGate({
        mode: delegation.mode,
        tokens: new UserTokens(delegation.connectionName),
        people: delegation.people,
        pending: new PendingSignIns(store.state, invitations.clock),
        verify: (assertion, userId) => delegation.onBehalfOf.verify(assertion, userId),
        logger,
      })
    : undefined;
  const bulk = new TeamsBulk({
    invitations,
    state: store.state,
    ledger: app.bulk.ledger,
    pacer: delegation ? pacerKeepingActingPerson(app.bulk.pacer) : app.bulk.pacer,
    logger,
    fileHosts: config.bulkFileHosts,
    continueConversation,
    followUp,
    background,
  });
  const bot = new GuestPassBot(services, config.tenantId, bulk, signIn);

  const readiness: ReadinessCheck[] = [{ name: 'store', check: () => store.checkHealth() }];
  const { credential, baseUrl: graphBaseUrl } = app.graph;
  if (credential) {
    readiness.push({
      name: 'graphToken',
      check: async () => {
        if (!(await credential.getToken(graphScope(graphBaseUrl)))) throw new Error('no token');
      },
    });
  }
  const drainables = new Drainables();
  drainables.register(background);
  const lifecycleJob = invitations.lifecycle ? new LifecycleJob(invitations.lifecycle, store, logger, config.lifecycleIntervalMinutes) : undefined;
  const readinessNotes = (): Record<string, string> => {
    const note = lifecycleJob?.readinessNote();
    return note ? { guestLifecycle: note } : {};
  };
  const server = createServer({ adapter, bot, logger, readiness, timeouts: config.httpTimeouts, drainables, readinessNotes });

  const housekeeping = new HousekeepingJob(invitations, store.leases, logger, longestInvitationMs(longestGraphCallMs(config.graph)));
  const redemptionWatcher = new RedemptionWatcher(invitations, store, logger, config.redemptionCheckMinutes);
  drainables.register(housekeeping);
  drainables.register(redemptionWatcher);
  const bulkTakeover = new BulkTakeoverJob(() => bulk.resumeAbandonedRuns(), store.leases, () => invitations.clock.now(), logger);
  drainables.register(bulkTakeover);
  if (lifecycleJob) drainables.register(lifecycleJob);
  let presence: InstanceHeartbeat | undefined;
  if (overrides.startJobs ?? true) {
    // Announced before the jobs' first round, so requests this instance claims are never taken for abandoned.
    presence = new InstanceHeartbeat(store.leases, () => invitations.clock.now());
    await presence.start();
    invitations.instances = presence;
    housekeeping.start();
    redemptionWatcher.start();
    bulkTakeover.start();
    lifecycleJob?.start();
  }
  const closeAfterDrain = async (drained: boolean) => {
    // Only once nothing of ours runs any more may others take what we claimed; otherwise the presence lapses.
    if (drained) await presence?.drain().catch(() => undefined);
    else await presence?.stop();
    await app.close();
    await telemetry?.shutdown();
  };

  return {
    server,
    adapter,
    invitations,
    store,
    housekeeping,
    redemptionWatcher,
    lifecycleJob,
    lifecyclePacer: app.lifecyclePacer,
    logger,
    sandbox: app.sandbox,
    background,
    drainables,
    closeAfterDrain,
    async close() {
      const { unfinished } = await drainables.drainAll(config.shutdownTimeoutSeconds * 1000);
      await closeAfterDrain(unfinished.length === 0);
      return { drained: unfinished.length === 0 };
    },
  };
}

/** Loaded only without a tenant: a configured bot never needs the simulated directory (a share of start-up). */
function sandboxModule(): typeof import('./sandbox/graph-simulator') {
  return require('./sandbox/graph-simulator') as typeof import('./sandbox/graph-simulator');
}

export interface Delegation {
  mode: DelegatedMode;
  /** The Azure Bot's OAuth connection whose tokens are exchanged on-behalf-of people. */
  connectionName: string;
  people: ActingPeople;
  onBehalfOf: OnBehalfOfDirectories;
  directory: DelegatingDirectory;
}

/**
 * The delegated modes' parts: a turn's person (set by the Teams layer), per-person directories on their
 * on-behalf-of credential, and the directory that routes each operation to the person's or the app's authority.
 */
function delegationFor(config: AppConfig, app: GraphDirectory, baseUrl: string): Delegation | undefined {
  const { auth } = config.graph;
  if (auth.mode === 'app') return undefined;
  const people = new ActingPeople();
  const onBehalfOf = new OnBehalfOfDirectories({ graph: config.graph, baseUrl });
  const directory = new DelegatingDirectory({
    mode: auth.mode,
    app,
    onBehalfOf: (assertion) => onBehalfOf.directoryFor(assertion),
    actingPerson: () => people.current(),
  });
  return { mode: auth.mode, connectionName: auth.connectionName, people, onBehalfOf, directory };
}

/** `npm start`: load configuration, build, listen, and shut down gracefully on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`GuestPass cannot start.\n${error.message}\nSee .env.example and README.md (Configuration).\n`);
      process.exit(1);
    }
    throw error;
  }
  let app: GuestPass;
  try {
    app = await createGuestPass(config);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`GuestPass cannot start.\n${error.message}\nSee README.md (Set it up in your tenant).\n`);
      process.exit(1);
    }
    throw error;
  }
  const { logger, server } = app;
  announceMode(config, { logger, storeKind: app.store.kind, sandboxUrl: app.sandbox?.url });
  // Without a bot identity the endpoint is unauthenticated: keep it on loopback unless HOST says otherwise.
  const host = config.host ?? (config.bot.localDevelopment ? '127.0.0.1' : '0.0.0.0');
  await new Promise<void>((resolve) => server.listen(config.port, host, resolve));
  logger.info({ url: server.url, endpoint: '/api/messages' }, 'GuestPass is listening');

  exitOnSignals({
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
    logger,
    drainables: app.drainables,
    closeServer: () => {
      server.close();
      server.server.closeAllConnections();
    },
    close: (drained) => app.closeAfterDrain(drained),
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

if (require.main === module) {
  void main();
}
