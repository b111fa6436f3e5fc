import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';

/**
 * An OData cast on a directory-object collection is an advanced query: Graph answers it only with the
 * `ConsistencyLevel: eventual` header and `$count=true`, and refuses it otherwise with 400 Request_UnsupportedQuery
 * (Learn: "Advanced query capabilities on Microsoft Entra ID objects"; group-list-transitivemembers).
 */
function requireAdvancedQuery(request: SimulatedRequest): void {
  const consistency = request.headers['consistencylevel'];
  const eventual = (Array.isArray(consistency) ? consistency : [consistency]).some((value) => value?.trim().toLowerCase() === 'eventual');
  const counted = request.query.get('$count')?.toLowerCase() === 'true';
  if (!eventual || !counted) {
    throw new GraphApiError(
      400,
      'Request_UnsupportedQuery',
      "An OData cast on a reference property only works with the header 'ConsistencyLevel: eventual' and $count=true.",
    );
  }
}

/**
 * GET /groups/{id}/transitiveMembers/microsoft.graph.user: the users of a group, through nested groups too (the
 * cast keeps only users, as in Graph), with `@odata.count`. One page: the simulated directory is small.
 */
function transitiveUserMembers(request: SimulatedRequest, [groupId]: string[], context: RouteContext): SimulatedResponse {
  requireAdvancedQuery(request);
  if (!context.directory.findGroup(groupId!)) {
    throw new GraphApiError(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const top = Number(request.query.get('$top') ?? '100');
  const members = context.directory.users.filter((user) => context.directory.transitiveGroupIdsOf(user.id).has(groupId!));
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#users(id)`,
      '@odata.count': members.length,
      value: members.slice(0, Number.isFinite(top) && top > 0 ? top : 100).map((user) => ({ id: user.id })),
    },
  };
}

export const transitiveMemberRoutes: Route[] = [
  { method: 'GET', pattern: /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/, handler: transitiveUserMembers },
];
