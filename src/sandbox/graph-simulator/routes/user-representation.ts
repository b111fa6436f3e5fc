import type { SimulatedDirectory, SimulatedUser } from '../directory';
import { GraphApiError } from '../graph-error';
import type { FilterSchema } from '../odata-filter';
import { parseSelect, projectSelect } from './select';

/**
 * What GET /users returns without `$select`: Graph's default property set. It leaves out
 * userType, externalUserState(ChangeDateTime) and creationType, so a bot that forgets to
 * `$select` them reads `undefined`, as it would against the real service.
 */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** The user properties `$filter` accepts here, with their types. */
export const USER_FILTER_SCHEMA: FilterSchema = {
  entityName: 'User',
  properties: {
    id: 'string',
    userPrincipalName: 'string',
    mail: 'string',
    displayName: 'string',
    givenName: 'string',
    surname: 'string',
    userType: 'string',
    externalUserState: 'string',
    creationType: 'string',
    accountEnabled: 'boolean',
    otherMails: 'stringCollection',
    proxyAddresses: 'stringCollection',
  },
};

/** Every selectable property of a simulated user, including the profile fields it never sets. */
export function fullUserResource(user: SimulatedUser): Record<string, unknown> {
  return {
    businessPhones: [],
    jobTitle: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    ...user,
    otherMails: [...user.otherMails],
    proxyAddresses: [...user.proxyAddresses],
  };
}

/** The user as Graph would serialize it for this `$select` (or the default set without one). */
export function projectUser(user: SimulatedUser, select: string | null): Record<string, unknown> {
  const resource = fullUserResource(user);
  if (parseSelect(select) === null) {
    return Object.fromEntries(DEFAULT_USER_PROPERTIES.map((name) => [name, resource[name]]));
  }
  return projectSelect(resource, select, 'microsoft.graph.user');
}

/**
 * Graph returns `signInActivity` only when `$select`ed, and then only to an app with AuditLog.Read.All in a tenant
 * with Entra ID P1 or P2; otherwise the whole request is a 403.
 */
export function requireSignInActivityReadable(select: string | null, directory: SimulatedDirectory): void {
  if (!(parseSelect(select) ?? []).some((name) => name.toLowerCase() === 'signinactivity')) return;
  if (!directory.auditLogReadAllowed) {
    throw new GraphApiError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  if (!directory.premium) {
    throw new GraphApiError(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    );
  }
}
