import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';

/**
 * GET /groups/{id}/transitiveMembers/microsoft.graph.user: the users of a group, through nested groups too (the
 * cast keeps only users, as in Graph). One page: the simulated directory is small.
 */
function transitiveUserMembers(request: SimulatedRequest, [groupId]: string[], context: RouteContext): SimulatedResponse {
  if (!context.directory.findGroup(groupId!)) {
    throw new GraphApiError(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const top = Number(request.query.get('$top') ?? '100');
  const members = context.directory.users.filter((user) => context.directory.transitiveGroupIdsOf(user.id).has(groupId!));
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#users(id)`,
      value: members.slice(0, Number.isFinite(top) && top > 0 ? top : 100).map((user) => ({ id: user.id })),
    },
  };
}

export const transitiveMemberRoutes: Route[] = [
  { method: 'GET', pattern: /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/, handler: transitiveUserMembers },
];
