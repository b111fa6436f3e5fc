import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticatedClient } from './clients';
import { TokenError } from './clients';
import { decodeJwt, type JwtSigner } from './jwt';

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const DEFAULT_PERMISSIONS = ['User.Invite.All', 'User.Read.All'];

export interface GrantInput {
  client: AuthenticatedClient;
  form: URLSearchParams;
  signer: JwtSigner;
  lifetimeSeconds: number;
  /** Origin of the fake authority, used as issuer of id tokens. */
  issuerBase: string;
}

/** Runs the grant the form asks for and returns the token response body. */
export function issueTokens(input: GrantInput): Record<string, unknown> {
  const grantType = input.form.get('grant_type');
  if (grantType === 'client_credentials') return clientCredentials(input);
  if (grantType === OBO_GRANT && input.form.get('requested_token_use') === 'on_behalf_of') return onBehalfOf(input);
  throw new TokenError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
}

/** `https://localhost:1234/.default` → resource `https://localhost:1234`, permission `.default`. */
function splitScope(scope: string): { resource: string; permission: string } {
  const slash = scope.lastIndexOf('/');
  if (slash <= 0) return { resource: 'https://graph.microsoft.com', permission: scope };
  return { resource: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

function requestedScopes(form: URLSearchParams): string[] {
  return (form.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
}

function clientCredentials({ client, form, signer, lifetimeSeconds }: GrantInput): Record<string, unknown> {
  const scopes = requestedScopes(form).filter((scope) => !OIDC_SCOPES.has(scope));
  if (scopes.length !== 1 || !scopes[0]!.endsWith('/.default')) {
    throw new TokenError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${form.get('scope') ?? ''} is not valid. Client credential flows must have ` +
        'a scope value with /.default suffixed to the resource identifier (application ID URI).',
    );
  }
  const { resource } = splitScope(scopes[0]!);
  const registration = client.client;
  const claims = {
    ...baseClaims(resource, registration.tenantId, lifetimeSeconds),
    appid: registration.clientId,
    azp: registration.clientId,
    appidacr: client.method === 'client_secret' ? '1' : '2',
    idtyp: 'app',
    oid: servicePrincipalId(registration.clientId),
    sub: servicePrincipalId(registration.clientId),
    roles: registration.roles ?? DEFAULT_PERMISSIONS,
  };
  return tokenResponse(signer.sign(claims), lifetimeSeconds);
}

/** On-behalf-of: swaps a user's token for the bot (the assertion) into a token for another resource. */
function onBehalfOf({ client, form, signer, lifetimeSeconds, issuerBase }: GrantInput): Record<string, unknown> {
  const registration = client.client;
  const user = assertionUser(form.get('assertion'), registration.clientId);
  const scopes = requestedScopes(form);
  const resourceScopes = scopes.filter((scope) => !OIDC_SCOPES.has(scope));
  if (resourceScopes.length === 0) {
    throw new TokenError(400, 'invalid_scope', 70011, 'The provided request must include a resource scope.');
  }
  const { resource, permission } = splitScope(resourceScopes[0]!);
  const permissions =
    permission === '.default'
      ? (registration.delegatedScopes ?? DEFAULT_PERMISSIONS)
      : resourceScopes.map((scope) => splitScope(scope).permission);
  const claims = {
    ...baseClaims(resource, registration.tenantId, lifetimeSeconds),
    appid: registration.clientId,
    appidacr: client.method === 'client_secret' ? '1' : '2',
    idtyp: 'user',
    oid: user.oid,
    sub: user.oid,
    upn: user.upn,
    unique_name: user.upn,
    name: user.name,
    scp: permissions.join(' '),
  };
  const response = tokenResponse(signer.sign(claims), lifetimeSeconds);
  if (scopes.includes('openid')) {
    // MSAL builds the account it caches the token under from these two.
    response.id_token = signer.sign({
      ...baseClaims(registration.clientId, registration.tenantId, lifetimeSeconds),
      iss: `${issuerBase}/${registration.tenantId}/v2.0`,
      oid: user.oid,
      sub: user.oid,
      preferred_username: user.upn,
      name: user.name,
      ver: '2.0',
    });
    response.client_info = Buffer.from(JSON.stringify({ uid: user.oid, utid: registration.tenantId })).toString('base64url');
  }
  response.scope = permission === '.default' ? resourceScopes[0] : resourceScopes.join(' ');
  return response;
}

/**
 * The user behind an on-behalf-of assertion. Its signature is not checked (in production it
 * is a Teams SSO token from Entra); it must decode, be unexpired, be addressed to this client
 * (`<clientId>` or an `api://…/<clientId>` URI) and name the user with `oid`.
 */
function assertionUser(assertion: string | null, clientId: string): { oid: string; upn?: string; name?: string } {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(assertion ?? '').payload;
  } catch {
    throw new TokenError(400, 'invalid_grant', 50027, 'JWT token is invalid or malformed.');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) {
    throw new TokenError(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.');
  }
  const audience = String(claims.aud ?? '');
  if (audience !== clientId && !audience.endsWith(`/${clientId}`)) {
    throw new TokenError(400, 'invalid_grant', 50013, 'Assertion audience does not match the Client app presenting the assertion.');
  }
  if (typeof claims.oid !== 'string') {
    throw new TokenError(400, 'invalid_grant', 50013, "Assertion has no 'oid' claim naming the user.");
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const upn = text(claims.upn) ?? text(claims.preferred_username);
  const name = text(claims.name);
  return { oid: claims.oid, ...(upn !== undefined ? { upn } : {}), ...(name !== undefined ? { name } : {}) };
}

function baseClaims(audience: string, tenantId: string, lifetimeSeconds: number): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: audience,
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    tid: tenantId,
    uti: randomUUID(),
    ver: '1.0',
  };
}

function tokenResponse(accessToken: string, lifetimeSeconds: number): Record<string, unknown> {
  return { token_type: 'Bearer', expires_in: lifetimeSeconds, ext_expires_in: lifetimeSeconds, access_token: accessToken };
}

/** A stable per-app object id, like the service principal's in a real tenant. */
function servicePrincipalId(clientId: string): string {
  const hex = createHash('sha256').update(clientId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
