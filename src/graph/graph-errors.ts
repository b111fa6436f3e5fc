import { DirectoryError, DirectoryErrorKind } from '../invitation/directory-error';
import { retryAfterMs } from './retry-after';

/** What was being done when Graph failed: the same code can mean different things on different calls. */
export type GraphOperation = 'invite' | 'lookup' | 'membership' | 'addToGroup' | 'accountChange';

/**
 * Graph error codes by meaning. Graph documents few codes for invitations; branching on `code` (then status)
 * keeps the mapping stable when Microsoft rewords a message, which is why messages are never parsed.
 */
const PRIVILEGE_CODES = new Set(['Authorization_RequestDenied', 'Unauthorized', 'accessDenied', 'Forbidden', 'Authorization_IdentityNotFound']);
const TOKEN_CODES = new Set(['InvalidAuthenticationToken', 'AuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError']);
const NOT_FOUND_CODES = new Set(['Request_ResourceNotFound', 'ResourceNotFound', 'itemNotFound', 'NotFound']);
const ALREADY_EXISTS_CODES = new Set(['Request_MultipleObjectsWithSameKeyValue', 'ObjectConflict']);
/** Thrown by fetch itself: nothing reached Graph, or the answer never came. */
const NETWORK_CODES = new Set(['TypeError', 'AbortError', 'TimeoutError', 'FetchError']);

interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  requestId?: string | null;
  name?: string;
  /** The answer's headers (the SDK's GraphError keeps them). */
  headers?: Headers;
}

/** How the failed call was authorized. */
export interface CallAuthority {
  /** Made with a person's own authorization (on-behalf-of), not the app's. */
  delegated?: boolean;
}

export function toDirectoryError(error: unknown, operation: GraphOperation, authority: CallAuthority = {}): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const graphError = (typeof error === 'object' && error !== null ? error : {}) as GraphErrorLike;
  const status = typeof graphError.statusCode === 'number' ? graphError.statusCode : -1;
  const code = graphError.code ?? graphError.name ?? '';
  const requestId = graphError.requestId ?? undefined;
  const kind = classify(status, code, operation, authority.delegated === true);
  const wait = kind === 'throttled' && graphError.headers instanceof Headers ? retryAfterMs(graphError.headers) : undefined;
  return new DirectoryError(kind, describe(kind, status, code), requestId, undefined, wait);
}

function classify(status: number, code: string, operation: GraphOperation, delegated: boolean): DirectoryErrorKind {
  if (TOKEN_CODES.has(code)) return 'authenticationFailed';
  if (NETWORK_CODES.has(code)) return 'unavailable';
  if (status === 429) return 'throttled';
  // With the person's own token, "denied" on POST /invitations is about them: the tenant's guest invite settings
  // (allowInvitesFrom) or their roles (Guest Inviter, User Administrator) do not let them invite.
  if (delegated && operation === 'invite' && PRIVILEGE_CODES.has(code)) return 'inviterNotAllowed';
  if (PRIVILEGE_CODES.has(code)) return 'insufficientPrivileges';
  if (NOT_FOUND_CODES.has(code) || status === 404) return 'notFound';
  if (ALREADY_EXISTS_CODES.has(code) || status === 409) return 'alreadyExists';
  if (status === 401) return 'authenticationFailed';
  if (status === 403) return operation === 'invite' ? 'blockedByTenantPolicy' : 'insufficientPrivileges';
  // Entra answers a refused invitation (blocked domain, cross-tenant settings, an address it will not take)
  // with a 400 whose code is not documented per cause; all mean "the tenant's rules said no".
  if (status === 400) return operation === 'invite' ? 'blockedByTenantPolicy' : 'rejected';
  if (status >= 500 || status === -1 || status === 0) return 'unavailable';
  return 'unknown';
}

function describe(kind: DirectoryErrorKind, status: number, code: string): string {
  // Kept free of Graph's message text, which can echo addresses and is not meant for people.
  return `Graph request failed (${kind}; HTTP ${status === -1 ? 'none' : status}; code ${code || 'none'})`;
}
