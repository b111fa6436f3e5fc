import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
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
  const options = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: !isPublicAuthorityHost(config.authorityHost),
  };
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
