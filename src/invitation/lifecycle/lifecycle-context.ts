import { AccessControl } from '../access-control';
import { ApproverDirectory } from '../approver-directory';
import { AuditTrail } from '../audit-trail';
import { Clock } from '../clock';
import { DirectoryPort } from '../directory-port';
import { InvitationPolicy } from '../policy';
import { RequestRepository } from '../request-repository';
import { GovernedGuestStore } from './governed-guest-store';
import { GuestAccountPort } from './guest-account-port';
import { LifecycleNotifier } from './lifecycle-notifier';

/** Everything the lifecycle use cases need, given once at start-up by the composition root. */
export interface LifecycleContext {
  guests: GovernedGuestStore;
  accounts: GuestAccountPort;
  notifier: LifecycleNotifier;
  audit: AuditTrail;
  requests: RequestRepository;
  /** `policy.access` and `policy.lifecycle`, and the admins and fallback approvers reviews escalate to. */
  policy: InvitationPolicy;
  /** Resolves the policy's admins and fallback approvers to object ids. */
  approvers: ApproverDirectory;
  access: AccessControl;
  /**
   * People found by work address with the app's authority (a sponsor an administrator names), as the lifecycle's
   * runs act: in mode `delegated` the invitations' directory would need the person's sign-in.
   */
  people: Pick<DirectoryPort, 'findUsersByEmail'>;
  clock: Clock;
  tenantId?: string;
  /** Whether the cloud supports sponsors: then the requester becomes the invited guest's sponsor. */
  sponsorsSupported?: boolean;
}
