import { boundedCache } from '../../bounded-cache';

/** Teams sends one exchange per client within seconds; a few minutes covers the stragglers. */
const KEEP_MS = 5 * 60_000;
const MAX_ENTRIES = 1_000;

/**
 * Teams sends `signin/tokenExchange` from each client a person has open (desktop, web, phone), all with the same
 * exchange id. The first one does the work; the others, arriving meanwhile or shortly after, get its answer.
 *
 * In memory, per instance, on purpose: what must not happen twice is running the person's pending command, and
 * that is guarded across instances by the store (`PendingSignIns.take` is a compare-and-swap). Duplicates that
 * reach two instances at worst exchange the same token twice, which the token service treats as one sign-in.
 * A store-backed dedup would add a write per sign-in and keys the state store cannot delete.
 */
export class ExchangeDedup<T> {
  private readonly seen;

  constructor(now: () => number = Date.now) {
    this.seen = boundedCache<string, { answer: Promise<T> }>({ max: MAX_ENTRIES, ttlMs: KEEP_MS, now });
  }

  /**
   * Runs `work` for the first request with `key`; the others share its answer. Once settled, the answer is kept
   * for latecomers only if `keep` says so: a failed attempt must not stand in for a later retry.
   */
  once(key: string, work: () => Promise<T>, keep: (answer: T) => boolean = () => true): Promise<T> {
    const earlier = this.seen.get(key);
    if (earlier) return earlier.answer;
    const answer = work();
    const entry = { answer };
    this.seen.set(key, entry);
    const forget = () => {
      if (this.seen.get(key) === entry) this.seen.delete(key);
    };
    answer.then((settled) => (keep(settled) ? undefined : forget()), forget);
    return answer;
  }
}
