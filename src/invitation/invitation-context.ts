import { AccessControl } from './access-control';
import { ApproverDirectory } from './approver-directory';
import { AuditTrail } from './audit-trail';
import { Clock } from './clock';
import { DirectoryPort } from './directory-port';
import { InstancePresence } from './instance-presence';
import { LifecycleContext } from './lifecycle/lifecycle-context';
import { RequestNotifier } from './notifier-port';
import { InvitationPolicy } from './policy';
import { RequestRepository } from './request-repository';
import { VersionedState } from './versioned-state';
import { InvitationLimits } from './validate-invitation';
import { VerifiedDomains } from './verified-domains';

/** Everything the invitation use cases need, given once at start-up by the composition root. */
export interface InvitationContext {
  directory: DirectoryPort;
  requests: RequestRepository;
  audit: AuditTrail;
  notifier: RequestNotifier;
  access: AccessControl;
  /** The people behind the policy's approvers, fallback approvers and admins (who gets an approval card). */
  approvers: ApproverDirectory;
  policy: InvitationPolicy;
  verifiedDomains: VerifiedDomains;
  clock: Clock;
  limits: InvitationLimits;
  /** Where the resend limits are kept (the store's versioned state), shared by every instance. */
  state: VersionedState;
  /** Whether the cloud supports invitedUserSponsors (not in US Government or China clouds). */
  sponsorsSupported: boolean;
  newRequestId(): string;
  /** The tenant whose directory is managed; stamped on every request. */
  tenantId?: string;
  /** This process and whether others still run, so requests a stopped process left are resumed at once. */
  instances?: InstancePresence;
  /** Guest lifecycle governance: each invited guest is enrolled (see enrolInvitedGuest). None: not governed. */
  lifecycle?: LifecycleContext;
}
