import { LifecycleContext } from '../invitation/lifecycle/lifecycle-context';
import { assignSponsor } from '../invitation/lifecycle/assign-sponsor';
import { extendAccess } from '../invitation/lifecycle/extend-access';
import { LifecycleUseCases } from '../invitation/lifecycle/lifecycle-use-cases';
import { removeGuest } from '../invitation/lifecycle/remove-guest';
import { orphanedGuests, sponsoredGuests } from '../invitation/lifecycle/sponsored-guests';
import { withdrawInvitation } from '../invitation/lifecycle/withdraw-invitation';

/** What the guest lifecycle's commands and buttons need: its context, its use cases, and what the last run learnt. */
export interface LifecycleServices {
  ctx: LifecycleContext;
  useCases: Pick<LifecycleUseCases, 'decideReview' | 'restoreGuest'> & {
    extendAccess: typeof extendAccess;
    removeGuest: typeof removeGuest;
    sponsoredGuests: typeof sponsoredGuests;
    orphanedGuests: typeof orphanedGuests;
    assignSponsor: typeof assignSponsor;
    withdrawInvitation: typeof withdrawInvitation;
  };
  /** Whether the tenant lets GuestPass read last sign-ins, as the last run found (true until a run says otherwise). */
  signInsReadable(): boolean;
}
