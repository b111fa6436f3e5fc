import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** The SDK's types, as botbuilder hands them out (botframework-connector is not a dependency of its own). */
export type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Service URLs are a handful per deployment (one per Teams region); the bound only guards against abuse. */
const MAX_CLIENTS = 100;

/**
 * Bot Connector clients, made once per caller, service URL and audience and then reused. The SDK builds a new
 * client (HTTP pipeline and credentials included) on every turn, which showed up as a measurable share of a
 * turn's CPU; the client is stateless apart from its credentials, which renew their own token.
 */
export class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  /** `factory` as made by the SDK for one caller (`caller` names it: its app id and audience claims). */
  cached(caller: string, factory: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = JSON.stringify([caller, serviceUrl, audience ?? null]);
        const known = this.clients.get(key);
        if (known) return known;
        if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
        const client = factory.create(serviceUrl, audience);
        this.clients.set(key, client);
        // A failure (a credential that could not be made) is not kept: the next turn tries again.
        client.catch(() => this.clients.delete(key));
        return client;
      },
    };
  }
}
