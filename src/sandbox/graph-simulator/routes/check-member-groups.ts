import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { requireObjectBody } from './route-types';
import { requireUser } from './users';

/** Graph checks at most 20 group ids per call. */
const MAX_GROUP_IDS = 20;

/**
 * POST /users/{id}/checkMemberGroups `{ groupIds }`: which of the given groups the user belongs to, transitively
 * (through nested groups). Ids of groups that do not exist are simply not returned, as in Graph.
 */
function checkMemberGroups(request: SimulatedRequest, [idOrUpn]: string[], context: RouteContext): SimulatedResponse {
  const body = requireObjectBody(request);
  const groupIds = body.groupIds;
  if (!Array.isArray(groupIds) || !groupIds.every((id): id is string => typeof id === 'string')) {
    throw new GraphApiError(400, 'Request_BadRequest', "Invalid value for 'groupIds': a collection of group ids is required.");
  }
  if (groupIds.length > MAX_GROUP_IDS) {
    throw new GraphApiError(400, 'Request_BadRequest', `At most ${MAX_GROUP_IDS} group ids can be checked per request.`);
  }
  const user = requireUser(idOrUpn!, context);
  const memberOf = context.directory.transitiveGroupIdsOf(user.id);
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#Collection(Edm.String)`,
      value: groupIds.filter((id) => memberOf.has(id)),
    },
  };
}

export const checkMemberGroupsRoutes: Route[] = [
  { method: 'POST', pattern: /^\/users\/([^/]+)\/checkMemberGroups$/, handler: checkMemberGroups },
];
