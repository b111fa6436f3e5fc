import { decodeJwt } from './jwt';

/** An app registration the fake Entra ID knows, with its credentials and granted permissions. */
export interface RegisteredClient {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** Hex SHA-1 or SHA-256 thumbprint of the certificate credential (colons and case ignored). */
  certificateThumbprint?: string;
  /** Application permissions written to app tokens' `roles`; default ['User.Invite.All', 'User.Read.All']. */
  roles?: string[];
  /** Delegated permissions granted for `/.default` on-behalf-of tokens; default ['User.Invite.All', 'User.Read.All']. */
  delegatedScopes?: string[];
}

export interface AuthenticatedClient {
  client: RegisteredClient;
  method: 'client_secret' | 'client_assertion';
}

/** An OAuth error answer: HTTP status, OAuth `error`, and the AADSTS code and text Entra puts in the description. */
export class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadstsCode: number,
    readonly description: string,
  ) {
    super(`${error}: AADSTS${aadstsCode}: ${description}`);
  }
}

const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const invalidClient = (code: number, description: string): TokenError => new TokenError(401, 'invalid_client', code, description);

/** Finds the registration named by `client_id` in this tenant and checks its secret or signed assertion. */
export function resolveClientCredential(
  clients: readonly RegisteredClient[],
  tenant: string,
  form: URLSearchParams,
  tokenEndpoint: string,
): AuthenticatedClient {
  const clientId = form.get('client_id') ?? '';
  const client = clients.find(
    (candidate) => candidate.clientId === clientId && candidate.tenantId.toLowerCase() === tenant.toLowerCase(),
  );
  if (!client) {
    throw invalidClient(700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
  }
  const secret = form.get('client_secret');
  if (secret !== null) {
    if (client.clientSecret === undefined || secret !== client.clientSecret) {
      throw invalidClient(7000215, 'Invalid client secret provided.');
    }
    return { client, method: 'client_secret' };
  }
  const assertion = form.get('client_assertion');
  if (assertion !== null) {
    checkClientAssertion(client, assertion, form.get('client_assertion_type'), tokenEndpoint);
    return { client, method: 'client_assertion' };
  }
  throw invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}

/**
 * A certificate credential arrives as a JWT the client signed. The fake does not check the
 * signature; it checks what a misconfigured client gets wrong: the assertion type, the
 * issuer/subject (the client id), the audience (this token endpoint), the expiry, and that
 * the certificate thumbprint in the header is the registered one.
 */
function checkClientAssertion(client: RegisteredClient, assertion: string, type: string | null, tokenEndpoint: string): void {
  if (type !== JWT_BEARER_ASSERTION_TYPE) {
    throw new TokenError(400, 'invalid_request', 50027, `client_assertion_type must be '${JWT_BEARER_ASSERTION_TYPE}'.`);
  }
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeJwt(assertion));
  } catch {
    throw invalidClient(50027, 'JWT token is invalid or malformed.');
  }
  if (payload.iss !== client.clientId || payload.sub !== client.clientId) {
    throw invalidClient(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
  }
  const audience = String(payload.aud ?? '').replace(/\/+$/, '');
  if (audience.toLowerCase() !== tokenEndpoint.toLowerCase()) {
    throw invalidClient(700016, `Client assertion audience '${audience}' is not this token endpoint '${tokenEndpoint}'.`);
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now()) {
    throw invalidClient(700024, 'Client assertion is not within its valid time range.');
  }
  const registered = client.certificateThumbprint?.replace(/:/g, '').toUpperCase();
  const presented = [header['x5t#S256'], header.x5t]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => Buffer.from(value, 'base64url').toString('hex').toUpperCase());
  if (registered === undefined || !presented.includes(registered)) {
    throw invalidClient(700027, 'Client assertion failed signature validation: the certificate is not registered on the application.');
  }
}
