import type { SimulatedUser } from '../directory';
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
