import { GraphApiError } from '../graph-error';
import { batchRoutes } from './batch';
import { checkMemberGroupsRoutes } from './check-member-groups';
import { invitationRoutes } from './invitations';
import { membershipRoutes } from './memberships';
import { organizationRoutes } from './organization';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { teamworkRoutes } from './teamwork';
import { transitiveMemberRoutes } from './transitive-members';
import { deletedItemRoutes } from './deleted-items';
import { userWriteRoutes } from './user-writes';
import { userRoutes } from './users';

export type { RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';

const ROUTES: readonly Route[] = [
  ...organizationRoutes,
  ...userRoutes,
  ...userWriteRoutes,
  ...deletedItemRoutes,
  ...invitationRoutes,
  ...membershipRoutes,
  ...checkMemberGroupsRoutes,
  ...transitiveMemberRoutes,
  ...teamworkRoutes,
  ...batchRoutes,
];

/**
 * Finds the route for a version-relative path and runs it. A known path with the wrong
 * method is a 405; an unknown path is a 404, as for any segment Graph does not know.
 */
export async function routeRequest(request: SimulatedRequest, context: RouteContext): Promise<SimulatedResponse> {
  // Clients may percent-encode the `$` of `$ref`/`$batch`; the patterns use the literal form.
  const path = request.path.replace(/%24/gi, '$');
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    return route.handler(request, match.slice(1).map(decodeSegment), context);
  }
  if (pathMatched) {
    throw new GraphApiError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request uri.');
  }
  const segment = firstSegment(path);
  throw new GraphApiError(404, 'Request_ResourceNotFound', `Resource not found for the segment '${segment}'.`);
}

function decodeSegment(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    throw new GraphApiError(400, 'BadRequest', `Malformed percent-encoding in path segment '${segment}'.`);
  }
}

function firstSegment(path: string): string {
  return path.split('/').find((segment) => segment !== '') ?? '';
}
