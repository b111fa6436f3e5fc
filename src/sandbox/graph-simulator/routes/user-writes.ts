import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { requireObjectBody } from './route-types';
import { requireUser } from './users';

/** Entra keeps at most five sponsors per user. */
const MAX_SPONSORS = 5;

/** The user properties of the v1.0 schema (`graph-v1.0-metadata.csdl`, entity type `user`) Graph never lets a client set. */
export const READ_ONLY_USER_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'deletedDateTime',
  'assignedPlans',
  'createdDateTime',
  'creationType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'identityParentId',
  'isManagementRestricted',
  'lastPasswordChangeDateTime',
  'licenseAssignmentStates',
  'onPremisesDistinguishedName',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesProvisioningErrors',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'onPremisesUserPrincipalName',
  'provisionedPlans',
  'proxyAddresses',
  'securityIdentifier',
  'serviceProvisioningErrors',
  'signInActivity',
  'signInSessionsValidFromDateTime',
]);

/**
 * The writable user properties of the v1.0 schema that the simulated directory does not keep. Graph would accept
 * them; the simulator refuses them by name, so that a client relying on one finds out here rather than in a tenant.
 */
export const UNSIMULATED_USER_PROPERTIES: ReadonlySet<string> = new Set([
  'aboutMe', 'ageGroup', 'birthday', 'businessPhones', 'city', 'companyName', 'consentProvidedForMinor', 'country',
  'customSecurityAttributes', 'department', 'employeeHireDate', 'employeeId', 'employeeLeaveDateTime',
  'employeeOrgData', 'employeeType', 'faxNumber', 'hireDate', 'identities', 'imAddresses', 'interests',
  'isResourceAccount', 'jobTitle', 'legalAgeGroupClassification', 'mail', 'mailboxSettings', 'mailNickname',
  'mobilePhone', 'mySite', 'officeLocation', 'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'otherMails',
  'passwordPolicies', 'passwordProfile', 'pastProjects', 'postalCode', 'preferredDataLocation', 'preferredLanguage',
  'preferredName', 'responsibilities', 'schools', 'showInAddressList', 'skills', 'state', 'streetAddress',
  'usageLocation', 'userPrincipalName', 'userType', 'assignedLicenses', 'deviceEnrollmentLimit', 'authorizationInfo',
  'print',
]);

/** The user properties PATCH /users/{id} changes in the simulated directory. */
export const SIMULATED_WRITABLE_USER_PROPERTIES: readonly string[] = ['accountEnabled', 'displayName', 'givenName', 'surname'];

type Change = { accountEnabled: boolean } | { displayName: string } | { givenName: string | null } | { surname: string | null };

/**
 * PATCH /users/{id}: 204 with no body. The body is checked as Graph checks it: a property the user type does not
 * declare, or one that is read-only, is a 400 and nothing changes; so is a value of the wrong type.
 */
function updateUser(request: SimulatedRequest, [idOrUpn]: string[], context: RouteContext): SimulatedResponse {
  const user = requireUser(idOrUpn!, context);
  const body = requireObjectBody(request);
  const changes: Change[] = [];
  for (const [name, value] of Object.entries(body)) {
    // Instance annotations (`@odata.type`) describe the payload; they set nothing.
    if (name.startsWith('@')) continue;
    if (READ_ONLY_USER_PROPERTIES.has(name)) {
      throw new GraphApiError(400, 'Request_BadRequest', `Property '${name}' is read-only and cannot be set.`);
    }
    if (UNSIMULATED_USER_PROPERTIES.has(name)) {
      throw new GraphApiError(400, 'Request_BadRequest', `The Graph simulator does not keep the user property '${name}'.`);
    }
    changes.push(change(name, value));
  }
  const applied = Object.assign({}, ...changes) as Record<string, unknown>;
  if (Object.keys(applied).length > 0) context.directory.updateUser(user.id, applied);
  return { status: 204 };
}

function change(name: string, value: unknown): Change {
  switch (name) {
    case 'accountEnabled':
      if (value === null) throw invalidValue(name);
      if (typeof value !== 'boolean') throw notConvertible(value, 'Edm.Boolean');
      return { accountEnabled: value };
    case 'displayName':
      if (value === null || value === '') throw invalidValue(name);
      if (typeof value !== 'string') throw notConvertible(value, 'Edm.String');
      return { displayName: value };
    case 'givenName':
    case 'surname':
      if (value !== null && typeof value !== 'string') throw notConvertible(value, 'Edm.String');
      return name === 'givenName' ? { givenName: value } : { surname: value };
    default:
      throw new GraphApiError(400, 'Request_BadRequest', `Property '${name}' does not exist as a declared property or extension property.`);
  }
}

function invalidValue(name: string): GraphApiError {
  return new GraphApiError(400, 'Request_BadRequest', `Invalid value specified for property '${name}' of resource 'User'.`);
}

function notConvertible(value: unknown, type: string): GraphApiError {
  return new GraphApiError(400, 'BadRequest', `Cannot convert the literal '${String(JSON.stringify(value))}' to the expected type '${type}'.`);
}

/** DELETE /users/{id}: 204, and the user is in the deleted items; a second DELETE is a 404, like any unknown user. */
function deleteUser(_request: SimulatedRequest, [idOrUpn]: string[], context: RouteContext): SimulatedResponse {
  const user = requireUser(idOrUpn!, context);
  context.directory.deleteUser(user.id);
  return { status: 204 };
}

/** `https://{graph host}/v1.0/{users|groups|directoryObjects}/{id}`: the object a sponsor reference names. */
function sponsorReference(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const match = /^https?:\/\/[^/]+\/v1\.0\/(?:users|groups|directoryObjects)\/([^/?#()']+)\/?$/i.exec(reference);
  return match?.[1];
}

/**
 * POST /users/{id}/sponsors/$ref: 204. A reference that is not a user or group URL is a 400, an unknown user or
 * sponsor a 404, and a sponsor the user already has (or a sixth) a 400, as for group members.
 */
function addSponsor(request: SimulatedRequest, [idOrUpn]: string[], context: RouteContext): SimulatedResponse {
  const body = requireObjectBody(request);
  const sponsorId = sponsorReference(body['@odata.id']);
  if (sponsorId === undefined) {
    throw new GraphApiError(400, 'BadRequest', "Invalid '@odata.id': expected the URL of a user or group, e.g. 'https://graph.microsoft.com/v1.0/users/{id}'.");
  }
  const user = requireUser(idOrUpn!, context);
  const { directory } = context;
  const sponsor = directory.findUser(sponsorId) ?? directory.findGroup(sponsorId);
  if (!sponsor) {
    throw new GraphApiError(404, 'Request_ResourceNotFound', `Resource '${sponsorId}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const current = directory.sponsorObjectsOf(user.id).map((object) => (object.kind === 'user' ? object.user.id : object.group.id));
  if (current.includes(sponsor.id)) {
    throw new GraphApiError(400, 'Request_BadRequest', "One or more added object references already exist for the following modified properties: 'sponsors'.");
  }
  if (current.length >= MAX_SPONSORS) {
    throw new GraphApiError(400, 'Request_BadRequest', `A user can have at most ${MAX_SPONSORS} sponsors.`);
  }
  directory.setSponsors(user.id, [...current, sponsor.id]);
  return { status: 204 };
}

export const userWriteRoutes: Route[] = [
  { method: 'PATCH', pattern: /^\/users\/([^/]+)$/, handler: updateUser },
  { method: 'DELETE', pattern: /^\/users\/([^/]+)$/, handler: deleteUser },
  { method: 'POST', pattern: /^\/users\/([^/]+)\/sponsors\/\$ref$/, handler: addSponsor },
];
