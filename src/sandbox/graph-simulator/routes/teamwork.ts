import { GraphApiError } from '../graph-error';
import type { SimulatedInstallation, SimulatedTeamsApp } from '../teamwork';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { requireObjectBody } from './route-types';

/**
 * The Teams app catalog and personal-scope installations, with the shapes of Graph's `teamsApp`,
 * `userScopeTeamsAppInstallation` and `chat` (checked against the v1.0 metadata). `$filter` is accepted only in
 * the one form each list is asked with (`externalId eq '…'`, `teamsApp/id eq '…'`).
 */

function forbidden(): GraphApiError {
  return new GraphApiError(403, 'Forbidden', 'Missing role permissions on the request. API requires one of the roles listed.');
}

function filteredValue(request: SimulatedRequest, property: string): string | undefined {
  const filter = request.query.get('$filter');
  if (filter === null) return undefined;
  const match = new RegExp(`^\\s*${property.replace('/', '\\/')}\\s+eq\\s+'((?:[^']|'')*)'\\s*$`).exec(filter);
  if (!match) throw new GraphApiError(400, 'BadRequest', `Invalid filter clause: ${filter}`);
  return match[1]!.replace(/''/g, "'");
}

function appResource(app: SimulatedTeamsApp): Record<string, unknown> {
  return { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: 'organization' };
}

function listCatalogApps(request: SimulatedRequest, _params: string[], { directory }: RouteContext): SimulatedResponse {
  const { teamwork } = directory;
  if (!teamwork.catalogReadAllowed) throw forbidden();
  const externalId = filteredValue(request, 'externalId');
  const apps = teamwork.apps.filter((app) => externalId === undefined || app.externalId === externalId);
  return { status: 200, body: { '@odata.context': `${request.origin}/v1.0/$metadata#appCatalogs/teamsApps`, value: apps.map(appResource) } };
}

function requireUser(userId: string, { directory }: RouteContext): string {
  const user = directory.findUser(userId);
  if (!user) throw new GraphApiError(404, 'NotFound', `User ${userId} was not found.`);
  return user.id;
}

/** `{ "teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}" }`, as Graph documents the request. */
function installApp(request: SimulatedRequest, [userId]: string[], context: RouteContext): SimulatedResponse {
  const { teamwork } = context.directory;
  if (!teamwork.installationAllowed) throw forbidden();
  const id = requireUser(userId!, context);
  const bind = requireObjectBody(request)['teamsApp@odata.bind'];
  const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?#]+)$/.exec(bind)?.[1] : undefined;
  if (!appId) throw new GraphApiError(400, 'BadRequest', 'teamsApp@odata.bind must reference appCatalogs/teamsApps/{id}.');
  if (!teamwork.findApp(decodeURIComponent(appId))) throw new GraphApiError(404, 'NotFound', `App ${appId} is not in the app catalog.`);
  if (!teamwork.install(id, decodeURIComponent(appId))) throw new GraphApiError(409, 'Conflict', 'App is already installed for this user.');
  return { status: 201 };
}

function installationResource(installation: SimulatedInstallation, context: RouteContext, expand: boolean): Record<string, unknown> {
  const app = context.directory.teamwork.findApp(installation.teamsAppId);
  return {
    id: installation.id,
    consentedPermissionSet: null,
    ...(expand && app ? { teamsApp: appResource(app) } : {}),
  };
}

function listInstallations(request: SimulatedRequest, [userId]: string[], context: RouteContext): SimulatedResponse {
  if (!context.directory.teamwork.installationAllowed) throw forbidden();
  const id = requireUser(userId!, context);
  const appId = filteredValue(request, 'teamsApp/id');
  const expand = (request.query.get('$expand') ?? '').split(',').map((part) => part.trim()).includes('teamsApp');
  const installations = context.directory.teamwork.installationsOf(id).filter((installation) => appId === undefined || installation.teamsAppId === appId);
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#users('${id}')/teamwork/installedApps`,
      value: installations.map((installation) => installationResource(installation, context, expand)),
    },
  };
}

function requireInstallation(userId: string, installationId: string, context: RouteContext): SimulatedInstallation {
  if (!context.directory.teamwork.installationAllowed) throw forbidden();
  const id = requireUser(userId, context);
  const installation = context.directory.teamwork.installationsOf(id).find((candidate) => candidate.id === installationId);
  if (!installation) throw new GraphApiError(404, 'NotFound', `Installation ${installationId} was not found.`);
  return installation;
}

function getInstallationChat(request: SimulatedRequest, [userId, installationId]: string[], context: RouteContext): SimulatedResponse {
  const installation = requireInstallation(userId!, installationId!, context);
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#chats/$entity`,
      id: installation.chatId,
      topic: null,
      createdDateTime: installation.createdDateTime,
      lastUpdatedDateTime: installation.createdDateTime,
      chatType: 'oneOnOne',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(installation.chatId)}/0`,
      tenantId: context.directory.tenantId,
      isHiddenForAllMembers: false,
      onlineMeetingInfo: null,
      viewpoint: null,
    },
  };
}

export const teamworkRoutes: Route[] = [
  { method: 'GET', pattern: /^\/appCatalogs\/teamsApps$/, handler: listCatalogApps },
  { method: 'POST', pattern: /^\/users\/([^/]+)\/teamwork\/installedApps$/, handler: installApp },
  { method: 'GET', pattern: /^\/users\/([^/]+)\/teamwork\/installedApps$/, handler: listInstallations },
  { method: 'GET', pattern: /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/, handler: getInstallationChat },
];
