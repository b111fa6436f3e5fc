import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { boundedCache } from '../bounded-cache';

/** The SDK's types, as botbuilder hands them out (botframework-connector is not a dependency of its own). */
export type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
export type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Callers and service URLs are a handful per deployment (one per Teams region); the bound only guards against abuse. */
const MAX_CLIENTS = 100;

/**
 * Bot Connector and user token clients, made once per caller (and, for the Bot Connector, service URL and
 * audience) and then reused. The SDK builds both anew on every turn, HTTP pipeline and credentials included,
 * which showed up as a measurable share of a turn's CPU; the clients are stateless apart from their credentials,
 * which renew their own token.
 */
export class BotClients {
  private readonly clients = boundedCache<string, Promise<unknown>>({ max: MAX_CLIENTS });

  /** `factory` as made by the SDK for one caller (`caller` names it: its app id and audience claims). */
  connectorFactory(caller: string, factory: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.keep(JSON.stringify(['connector', caller, serviceUrl, audience ?? null]), () => factory.create(serviceUrl, audience)),
    };
  }

  /** The user token client for one caller; `make` is the SDK's way of building it. */
  userTokenClient(caller: string, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.keep(JSON.stringify(['user-token', caller]), make);
  }

  private keep<T>(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.clients.get(key);
    if (known) return known as Promise<T>;
    const client = make();
    this.clients.set(key, client);
    // A failure (a credential that could not be made) is not kept: the next turn tries again.
    client.catch(() => {
      if (this.clients.get(key) === client) this.clients.delete(key);
    });
    return client;
  }
}
