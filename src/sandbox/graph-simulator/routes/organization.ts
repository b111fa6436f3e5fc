import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { projectSelect } from './select';

/** GET /organization: the tenant and its verified domains (what a bot reads to skip in-tenant addresses). */
function getOrganization(request: SimulatedRequest, _params: string[], { directory }: RouteContext): SimulatedResponse {
  const organization = {
    id: directory.tenantId,
    displayName: directory.organizationName,
    verifiedDomains: directory.verifiedDomains.map((domain) => ({
      name: domain.name,
      isDefault: domain.isDefault,
      isInitial: domain.isInitial,
      type: 'Managed',
      capabilities: 'Email, OfficeCommunicationsOnline',
    })),
  };
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#organization`,
      value: [projectSelect(organization, request.query.get('$select'))],
    },
  };
}

/** GET /domains: every domain here is verified; real tenants can also list unverified ones. */
function listDomains(request: SimulatedRequest, _params: string[], { directory }: RouteContext): SimulatedResponse {
  return {
    status: 200,
    body: {
      '@odata.context': `${request.origin}/v1.0/$metadata#domains`,
      value: directory.verifiedDomains.map((domain) => ({
        id: domain.name,
        authenticationType: 'Managed',
        isVerified: true,
        isDefault: domain.isDefault,
        isInitial: domain.isInitial,
        isRoot: true,
        supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      })),
    },
  };
}

export const organizationRoutes: Route[] = [
  { method: 'GET', pattern: /^\/organization$/, handler: getOrganization },
  { method: 'GET', pattern: /^\/domains$/, handler: listDomains },
];
