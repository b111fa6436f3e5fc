import { Versioned } from './request-repository';

/**
 * A small versioned key-value space (the store's state), shared by every instance: resend limits, one-time claims,
 * sign-ins and previews waiting, jobs' checkpoints. A write names the version it read: of two concurrent writers,
 * only one can write.
 */
export interface VersionedState {
  get<T>(key: string): Promise<Versioned<T> | undefined>;
  /** `etag` undefined: the key must not exist yet (else `AlreadyExistsError`); otherwise `ConcurrencyError` if stale. */
  put<T>(key: string, value: T, etag?: string, options?: StateWriteOptions): Promise<Versioned<T>>;
  /**
   * Deletes at most `limit` records whose `keepUntil` is before `now` (housekeeping does, each round); how many
   * went. A writer that finds its record gone meanwhile sees a lost race (`ConcurrencyError`) and reads again.
   */
  prune(now: Date, limit: number): Promise<number>;
}

export interface StateWriteOptions {
  /**
   * When the record stops mattering to anyone (a resend window over, a sign-in or preview no longer usable): after
   * it, housekeeping may delete it. Absent: kept until written again with one. Each write says it anew.
   */
  keepUntil?: Date;
}
