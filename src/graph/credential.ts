import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  OnBehalfOfCredential,
  TokenCredential,
} from '@azure/identity';
import { GraphConfig } from '../config';
import { isPublicAuthorityHost } from './graph-hosts';

/**
 * The app-only credential Graph is called with, chosen by configuration: client secret, certificate or managed
 * identity. Returns undefined in the sandbox, whose simulated directory needs no token.
 */
export function createGraphCredential(config: GraphConfig): TokenCredential | undefined {
  const { credential } = config;
  const options = authorityOptions(config);
  switch (credential.kind) {
    case 'clientSecret':
      return new ClientSecretCredential(credential.tenantId, credential.clientId, credential.clientSecret, options);
    case 'clientCertificate':
      return new ClientCertificateCredential(
        credential.tenantId,
        credential.clientId,
        { certificatePath: credential.certificatePath, certificatePassword: credential.certificatePassword },
        options,
      );
    case 'managedIdentity':
      return credential.clientId ? new ManagedIdentityCredential({ clientId: credential.clientId }) : new ManagedIdentityCredential();
    case 'sandbox':
      return undefined;
  }
}

/**
 * A person's authorization: their single sign-on token for this app (`userAssertionToken`) exchanged with the
 * on-behalf-of grant, by the app registration's own secret or certificate. Configuration refuses the delegated
 * modes with anything else, since a managed identity cannot take part in on-behalf-of.
 */
export function createOnBehalfOfCredential(config: GraphConfig, userAssertionToken: string): TokenCredential {
  const { credential } = config;
  const options = authorityOptions(config);
  switch (credential.kind) {
    case 'clientSecret':
      return new OnBehalfOfCredential({
        tenantId: credential.tenantId,
        clientId: credential.clientId,
        clientSecret: credential.clientSecret,
        userAssertionToken,
        ...options,
      });
    case 'clientCertificate':
      return new OnBehalfOfCredential({
        tenantId: credential.tenantId,
        clientId: credential.clientId,
        certificatePath: credential.certificatePath,
        userAssertionToken,
        ...options,
      });
    default:
      throw new Error(`On-behalf-of needs a client secret or certificate, not a ${credential.kind} credential`);
  }
}

function authorityOptions(config: GraphConfig): { authorityHost: string; disableInstanceDiscovery: boolean } {
  return { authorityHost: config.authorityHost, disableInstanceDiscovery: !isPublicAuthorityHost(config.authorityHost) };
}
