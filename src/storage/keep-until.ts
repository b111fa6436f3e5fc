import { StateWriteOptions } from '../invitation/versioned-state';

/**
 * A write's `keepUntil` as epoch milliseconds, the same on every store; a date that is no instant is the caller's
 * mistake and is refused, rather than kept forever by one store and failing on another.
 */
export function keepUntilMs(options: StateWriteOptions): number | undefined {
  if (options.keepUntil === undefined) return undefined;
  const ms = options.keepUntil.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('keepUntil is not a valid date');
  return ms;
}
