import type { SimulatedGroup, SimulatedUser } from '../directory';
import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { requireObjectBody } from './route-types';

/** `.../directoryObjects/{id}`, `.../users/{id}` or `.../users('{id}')`: the id at the end of a reference. */
function referencedId(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const match = /\/(?:directoryObjects|users)(?:\/([^/?#()']+)|\('([^']+)'\))\/?$/.exec(reference);
  return match?.[1] ?? match?.[2];
}

function notFound(id: string): GraphApiError {
  return new GraphApiError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function requireGroup(id: string, { directory }: RouteContext): SimulatedGroup {
  const group = directory.findGroup(id);
  if (!group) throw notFound(id);
  return group;
}

function groupResource(group: SimulatedGroup): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    groupTypes: ['Unified'],
    mailEnabled: true,
    securityEnabled: false,
    resourceProvisioningOptions: group.isTeam ? ['Team'] : [],
  };
}

function getGroup(request: SimulatedRequest, [groupId]: string[], context: RouteContext): SimulatedResponse {
  const group = requireGroup(groupId!, context);
  const odataContext = `${request.origin}/v1.0/$metadata#groups/$entity`;
  return { status: 200, body: { '@odata.context': odataContext, ...groupResource(group) } };
}

/** POST /groups/{id}/members/$ref: 204, or 400 when already a member, 404 for an unknown group or user. */
function addGroupMember(request: SimulatedRequest, [groupId]: string[], context: RouteContext): SimulatedResponse {
  const body = requireObjectBody(request);
  const userId = referencedId(body['@odata.id']);
  if (userId === undefined) {
    const message = "Invalid '@odata.id': expected a '.../directoryObjects/{id}' reference.";
    throw new GraphApiError(400, 'BadRequest', message);
  }
  const group = requireGroup(groupId!, context);
  const user = context.directory.findUser(userId);
  if (!user) throw notFound(userId);
  if (group.memberIds.includes(user.id)) {
    throw new GraphApiError(
      400,
      'Request_BadRequest',
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  }
  group.memberIds.push(user.id);
  return { status: 204 };
}

/**
 * POST /teams/{id}/members with an aadUserConversationMember. A guest keeps the `guest` role
 * (asking to make one an owner is a 400); adding someone already in the team answers 201 again.
 * A disabled account is a 404, as Teams documents.
 */
function addTeamMember(request: SimulatedRequest, [teamId]: string[], context: RouteContext): SimulatedResponse {
  const body = requireObjectBody(request);
  const userId = referencedId(body['user@odata.bind']);
  if (body['@odata.type'] !== '#microsoft.graph.aadUserConversationMember' || userId === undefined) {
    throw new GraphApiError(
      400,
      'BadRequest',
      "Expected '@odata.type': '#microsoft.graph.aadUserConversationMember' and " +
        "'user@odata.bind': '.../users('{id}')'.",
    );
  }
  const team = context.directory.findGroup(teamId!);
  if (!team?.isTeam) throw new GraphApiError(404, 'NotFound', `No team found with Group Id ${teamId}.`);
  const user = context.directory.findUser(userId);
  if (!user || !user.accountEnabled) {
    throw new GraphApiError(404, 'NotFound', `User '${userId}' not found or disabled.`);
  }
  const roleList: unknown[] = Array.isArray(body.roles) ? body.roles : [];
  const requestedRoles = roleList.filter((role): role is string => typeof role === 'string');
  const roles = teamRoles(user, requestedRoles);
  if (!team.memberIds.includes(user.id)) team.memberIds.push(user.id);
  return {
    status: 201,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#teams('${team.id}')/members/$entity`,
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      id: Buffer.from(`${team.id}##${user.id}`).toString('base64'),
      roles,
      displayName: user.displayName,
      userId: user.id,
      email: user.mail,
      tenantId: context.directory.tenantId,
    },
  };
}

function teamRoles(user: SimulatedUser, requested: string[]): string[] {
  const wantsOwner = requested.some((role) => role.toLowerCase() === 'owner');
  if (user.userType !== 'Guest') return wantsOwner ? ['owner'] : [];
  if (wantsOwner) throw new GraphApiError(400, 'BadRequest', 'A guest cannot be made an owner of a team.');
  return ['guest'];
}

export const membershipRoutes: Route[] = [
  { method: 'GET', pattern: /^\/groups\/([^/]+)$/, handler: getGroup },
  { method: 'POST', pattern: /^\/groups\/([^/]+)\/members\/\$ref$/, handler: addGroupMember },
  { method: 'POST', pattern: /^\/teams\/([^/]+)\/members$/, handler: addTeamMember },
];
