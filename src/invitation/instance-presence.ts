/**
 * Which running process (instance) is working on a request, and whether it is still alive. A request left
 * `approved` or `inviting` by an instance that is gone (killed, crashed, restarted) can be resumed at once; one
 * whose instance is alive may be mid-way through its Graph call and is left alone for a while.
 */
export interface InstancePresence {
  /** This process; stamped on the transitions it makes to `approved` and `inviting`. */
  readonly id: string;
  /** True when the named instance has stopped renewing its presence (it no longer runs). */
  isGone(instanceId: string): Promise<boolean>;
}
