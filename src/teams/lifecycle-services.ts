import { LifecycleContext } from '../invitation/lifecycle/lifecycle-context';
import { LifecycleUseCases } from '../invitation/lifecycle/lifecycle-use-cases';

/** What the guest lifecycle's commands and buttons need: its context, its use cases, and what the last run learnt. */
export interface LifecycleServices {
  ctx: LifecycleContext;
  useCases: Pick<
    LifecycleUseCases,
    'decideReview' | 'restoreGuest' | 'extendAccess' | 'removeGuest' | 'sponsoredGuests' | 'orphanedGuests' | 'assignSponsor' | 'withdrawInvitation'
  >;
  /** Whether the tenant lets GuestPass read last sign-ins, as the last run found (true until a run says otherwise). */
  signInsReadable(): boolean;
}
