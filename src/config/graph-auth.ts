import { GraphAuthConfig, GraphCredentialConfig } from './app-config';
import { Environment } from './schema';

/**
 * GRAPH_AUTH_MODE and what the delegated modes need. They exchange the person's Teams single sign-on token for a
 * Graph token with the on-behalf-of grant, which only a confidential client can do: the app registration's own
 * secret or certificate, never a managed identity. Problems are collected so one start names every variable.
 */
export function chooseGraphAuth(vars: Environment, credential: GraphCredentialConfig, problems: string[]): GraphAuthConfig {
  const mode = vars.GRAPH_AUTH_MODE;
  if (mode === 'app') return { mode };
  const where = `GRAPH_AUTH_MODE=${mode}`;

  if (credential.kind !== 'clientSecret' && credential.kind !== 'clientCertificate') {
    problems.push(
      `${where}: needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH); ` +
        'the on-behalf-of grant cannot use a managed identity or the simulated directory',
    );
  }
  if (credential.kind === 'clientCertificate' && credential.certificatePassword !== undefined) {
    // @azure/identity's OnBehalfOfCredential reads a certificate file but takes no password for it.
    problems.push(`AZURE_CLIENT_CERTIFICATE_PASSWORD: ${where} needs an unencrypted PEM file (or AZURE_CLIENT_SECRET)`);
  }
  const connectionName = vars.SSO_CONNECTION_NAME;
  if (!connectionName) {
    problems.push(`SSO_CONNECTION_NAME: required with ${where} (the name of the Azure Bot's OAuth connection setting)`);
  }

  // Teams gets the sign-on token for the manifest's webApplicationInfo: the bot's app registration. Only the
  // registration a token was issued to may exchange it on-behalf-of the person, so Graph must be called as it.
  const clientId = vars.AZURE_CLIENT_ID?.toLowerCase();
  const botId = vars.MicrosoftAppId?.toLowerCase();
  if (clientId && botId && clientId !== botId) {
    problems.push(`AZURE_CLIENT_ID: must be the bot's app registration (MicrosoftAppId) with ${where}, which exchanges the bot's sign-on tokens`);
  }
  const appIdUri = vars.SSO_APP_ID_URI;
  if (appIdUri && clientId && !appIdUri.toLowerCase().endsWith(clientId)) {
    problems.push(`SSO_APP_ID_URI: must end with the app registration's client id (AZURE_CLIENT_ID), e.g. api://<domain>/${clientId}`);
  }
  return { mode, connectionName: connectionName ?? '' };
}
