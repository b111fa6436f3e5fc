import { GraphApiError } from '../graph-error';
import { compileFilter, ODataFilterError, type CompiledFilter } from '../odata-filter';
import type { SimulatedDirectory, SimulatedGroup, SimulatedUser } from '../directory';
import { parseSelect } from './select';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { projectUser, requireSignInActivityReadable, USER_FILTER_SCHEMA } from './user-representation';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 999;

/** GET /users with $filter, $select, $top, $count and $skiptoken paging. */
function listUsers(request: SimulatedRequest, _params: string[], { directory }: RouteContext): SimulatedResponse {
  const { query } = request;
  requireSignInActivityReadable(query.get('$select'), directory);
  const advanced = isAdvancedQuery(request);
  const filter = compileUserFilter(query.get('$filter'));
  if (filter?.requiresAdvancedQuery && !advanced) {
    throw new GraphApiError(
      400,
      'Request_UnsupportedQuery',
      "Unsupported or invalid query filter clause specified for resource 'User': 'ne', 'not' and 'endsWith' " +
        "need an advanced query (header 'ConsistencyLevel: eventual' and '$count=true').",
    );
  }
  const pageSize = parsePageSize(query.get('$top'));
  const offset = decodeSkipToken(query.get('$skiptoken') ?? query.get('$skipToken'));
  const matching = filterUsers(directory, filter);
  const page = matching.slice(offset, offset + pageSize);
  const select = query.get('$select');
  const body: Record<string, unknown> = { '@odata.context': `${request.origin}/v1.0/$metadata#users` };
  // Graph computes @odata.count only for advanced queries; otherwise $count=true is ignored.
  if (advanced) body['@odata.count'] = matching.length;
  if (offset + pageSize < matching.length) body['@odata.nextLink'] = nextLink(request, offset + pageSize);
  body.value = page.map((user) => projectUser(user, select));
  return { status: 200, body };
}

/**
 * The users the filter matches, in directory order. For an address lookup the directory's index picks the
 * candidates; the full filter still decides, so the answer is the scan's.
 */
export function filterUsers(directory: SimulatedDirectory, filter: CompiledFilter | undefined): SimulatedUser[] {
  return directory
    .candidatesFor(filter?.candidates())
    .filter((user) => !filter || filter.matches(user as unknown as Record<string, unknown>));
}

/** GET /users/{id | userPrincipalName}. */
function getUser(request: SimulatedRequest, [idOrUpn]: string[], context: RouteContext): SimulatedResponse {
  const user = requireUser(idOrUpn!, context);
  requireSignInActivityReadable(request.query.get('$select'), context.directory);
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#users/$entity`,
      ...projectUser(user, request.query.get('$select')),
    },
  };
}

/**
 * GET /users/{id}/sponsors: the sponsors recorded from seeds, invitations' invitedUserSponsors and sponsors/$ref,
 * users and groups alike, each with its `@odata.type`. A directoryObject collection: a `$select`ed property that
 * a group does not have comes back null on the group, as Graph does for derived types.
 */
function listSponsors(request: SimulatedRequest, [idOrUpn]: string[], context: RouteContext): SimulatedResponse {
  const user = requireUser(idOrUpn!, context);
  const select = request.query.get('$select');
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#directoryObjects`,
      value: context.directory.sponsorObjectsOf(user.id).map((sponsor) =>
        sponsor.kind === 'user'
          ? { '@odata.type': '#microsoft.graph.user', ...projectUser(sponsor.user, select) }
          : { '@odata.type': '#microsoft.graph.group', ...groupSponsor(sponsor.group, select) },
      ),
    },
  };
}

function groupSponsor(group: SimulatedGroup, select: string | null): Record<string, unknown> {
  const resource: Record<string, unknown> = { id: group.id, displayName: group.displayName, mail: null };
  const names = parseSelect(select);
  if (names === null) return resource;
  return Object.fromEntries(['id', ...names.filter((name) => name !== 'id')].map((name) => [name, resource[name] ?? null]));
}

export function requireUser(idOrUpn: string, { directory }: RouteContext): SimulatedUser {
  const user = directory.findUser(idOrUpn);
  if (!user) {
    throw new GraphApiError(
      404,
      'Request_ResourceNotFound',
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return user;
}

function compileUserFilter(text: string | null): CompiledFilter | undefined {
  if (text === null) return undefined;
  try {
    return compileFilter(text, USER_FILTER_SCHEMA);
  } catch (error) {
    if (error instanceof ODataFilterError) throw new GraphApiError(400, error.code, error.message);
    throw error;
  }
}

function isAdvancedQuery({ headers, query }: SimulatedRequest): boolean {
  const consistency = headers['consistencylevel'];
  return (
    typeof consistency === 'string' &&
    consistency.toLowerCase() === 'eventual' &&
    query.get('$count')?.toLowerCase() === 'true'
  );
}

function parsePageSize(top: string | null): number {
  if (top === null) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(top) ? Number(top) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) {
    throw new GraphApiError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
    );
  }
  return size;
}

/** Skip tokens are opaque to clients; here one is the base64url of the next offset. */
function decodeSkipToken(token: string | null): number {
  if (token === null) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0) {
    throw new GraphApiError(400, 'Request_BadRequest', `Invalid skip token '${token}'.`);
  }
  return offset;
}

/** The absolute next-page URL: the same query on the simulator's own origin plus a skip token. */
function nextLink(request: SimulatedRequest, offset: number): string {
  const parts: string[] = [];
  for (const [key, value] of request.query) {
    if (key.toLowerCase() !== '$skiptoken') parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${Buffer.from(`offset:${offset}`).toString('base64url')}`);
  return `${request.origin}/v1.0/users?${parts.join('&')}`;
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: /^\/users$/, handler: listUsers },
  { method: 'GET', pattern: /^\/users\/([^/]+)$/, handler: getUser },
  { method: 'GET', pattern: /^\/users\/([^/]+)\/sponsors$/, handler: listSponsors },
];
