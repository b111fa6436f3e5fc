import { AccessToken, TokenCredential } from '@azure/identity';
import { LifecyclePolicy } from '../invitation/lifecycle/lifecycle-policy';
import { graphScope } from './graph-hosts';
import { unverifiedClaims } from './token-claims';

/**
 * What the guest lifecycle does in Graph, and the application permissions that allow each, least privileged first
 * (any one is enough). From Microsoft's permission tables for the calls GraphGuestAccounts makes: GET /users and
 * sponsors (user-get, user-list-sponsors), PATCH /users/{id} with accountEnabled (user-update:
 * User.EnableDisableAccount.All for that property alone), DELETE /users/{id} (user-delete: User.ReadWrite.All and no
 * higher one), POST /users/{id}/sponsors/$ref (user-post-sponsors), and signInActivity (AuditLog.Read.All, in a
 * tenant with Entra ID P1 or P2).
 */
export const LIFECYCLE_PERMISSIONS = {
  readAccounts: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  disable: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  delete: ['User.ReadWrite.All'],
  assignSponsors: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readSignIns: ['AuditLog.Read.All'],
} as const satisfies Record<string, readonly string[]>;

export type LifecycleCapability = keyof typeof LIFECYCLE_PERMISSIONS;

export interface PermissionGap {
  capability: LifecycleCapability;
  /** The least privileged permission that would grant it. */
  grant: string;
}

/** Where a missing permission stops GuestPass from starting, and where it only turns a feature off. */
export interface LifecyclePermissionCheck {
  /** Enforcement is on and cannot be carried out: refuse to start. */
  blocking: PermissionGap[];
  /** A feature that says it is unavailable and lets the rest work (sponsor assignment, last sign-ins). */
  degraded: PermissionGap[];
}

/**
 * The application permissions (`roles`) of the app's own Graph token, which every mode holds (the delegated modes
 * too: jobs run with the app's authority). Read without checking the signature: Graph checks the token; this only
 * tells an administrator before the first run what Graph would refuse. Undefined when there is no token or it says
 * nothing.
 */
export async function applicationPermissions(credential: TokenCredential, baseUrl: string): Promise<string[] | undefined> {
  let token: AccessToken | null;
  try {
    token = await credential.getToken(graphScope(baseUrl));
  } catch {
    // A credential that gets no token fails every Graph call, which readiness and each call already report.
    return undefined;
  }
  const claims = token ? unverifiedClaims(token.token) : undefined;
  if (!claims) return undefined;
  // An app granted no application permission gets a token without `roles`.
  return Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
}

/**
 * What the lifecycle policy needs that `roles` does not grant. With enforcement on, a run must read accounts,
 * disable and delete: without any of them it cannot do what the policy says, so GuestPass does not start. In
 * report-only mode (the default) nothing is changed, and a missing permission only makes the report say so, as
 * sponsor assignment and last sign-ins (which matter only with `inactiveDays`) do in every mode.
 */
export function checkLifecyclePermissions(roles: readonly string[], lifecycle: LifecyclePolicy): LifecyclePermissionCheck {
  const granted = new Set(roles.map((role) => role.toLowerCase()));
  const gap = (capability: LifecycleCapability): PermissionGap[] =>
    LIFECYCLE_PERMISSIONS[capability].some((permission) => granted.has(permission.toLowerCase()))
      ? []
      : [{ capability, grant: LIFECYCLE_PERMISSIONS[capability][0] }];
  const enforce = lifecycle.enforcement === 'enforce';
  const optional = [...gap('assignSponsors'), ...(lifecycle.inactiveDays !== undefined ? gap('readSignIns') : [])];
  return enforce
    ? { blocking: [...gap('readAccounts'), ...gap('disable'), ...gap('delete')], degraded: optional }
    : { blocking: [], degraded: [...gap('readAccounts'), ...optional] };
}

/** The capabilities in the words of the README's permission table. */
const WHAT_FOR: Record<LifecycleCapability, string> = {
  readAccounts: 'read guest accounts',
  disable: 'disable guests',
  delete: 'delete guests',
  assignSponsors: 'assign sponsors',
  readSignIns: 'read last sign-ins',
};

/**
 * Why GuestPass cannot start with enforcement on; undefined when it can (or when the token does not say, and Graph
 * will). The same in every mode: the lifecycle always runs with the app's own permissions.
 */
export async function lifecycleStartRefusal(credential: TokenCredential, baseUrl: string, lifecycle: LifecyclePolicy): Promise<string | undefined> {
  if (lifecycle.enforcement !== 'enforce') return undefined;
  const roles = await applicationPermissions(credential, baseUrl);
  if (roles === undefined) return undefined;
  const { blocking } = checkLifecyclePermissions(roles, lifecycle);
  if (blocking.length === 0) return undefined;
  const grants = blocking.map((gap) => `${gap.grant} (${WHAT_FOR[gap.capability]})`).join(', ');
  return (
    'Guest lifecycle enforcement is on (policy lifecycle.enforcement: enforce), but the app registration lacks the ' +
    `application permissions it needs: ${grants}. Grant them with admin consent, or set lifecycle.enforcement to ` +
    'reportOnly. The lifecycle runs with the app\'s own permissions in every GRAPH_AUTH_MODE, delegated modes included.'
  );
}
