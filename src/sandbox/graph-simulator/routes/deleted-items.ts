import type { DeletedUser } from '../directory';
import { GraphApiError } from '../graph-error';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { projectUser } from './user-representation';

/** A deleted user as `/directory/deletedItems` shows it: the user, typed, with the time of its deletion. */
function deletedUserResource(deleted: DeletedUser, select: string | null): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.user', ...projectUser(deleted.user, select), deletedDateTime: deleted.deletedDateTime };
}

/** GET /directory/deletedItems/microsoft.graph.user: the deleted users (no paging: the simulated tenant is small). */
function listDeletedUsers(request: SimulatedRequest, _params: string[], { directory }: RouteContext): SimulatedResponse {
  const select = request.query.get('$select');
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#directory/deletedItems/microsoft.graph.user`,
      value: directory.deletedUsers.map((deleted) => deletedUserResource(deleted, select)),
    },
  };
}

/** GET /directory/deletedItems/{id}: a deleted user; 404 for anything else. */
function getDeletedItem(request: SimulatedRequest, [id]: string[], { directory }: RouteContext): SimulatedResponse {
  const deleted = directory.findDeletedUser(id!);
  if (!deleted) {
    throw new GraphApiError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  }
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#directory/deletedItems/$entity`,
      ...deletedUserResource(deleted, request.query.get('$select')),
    },
  };
}

export const deletedItemRoutes: Route[] = [
  { method: 'GET', pattern: /^\/directory\/deletedItems\/microsoft\.graph\.user$/, handler: listDeletedUsers },
  { method: 'GET', pattern: /^\/directory\/deletedItems\/([^/]+)$/, handler: getDeletedItem },
];
