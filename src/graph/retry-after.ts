/** The longest wait the SDK's retry handler makes before a retry, whatever Retry-After asks (its MAX_DELAY). */
export const SDK_MAX_RETRY_DELAY_SECONDS = 180;

/**
 * The wait Graph asked for in Retry-After, in milliseconds, read as the SDK's retry handler reads it (seconds, or
 * an HTTP date) and held to the same cap; undefined when there is none or it makes no sense. A date already past
 * is no wait.
 */
export function retryAfterMs(headers: Headers | null | undefined, now = Date.now()): number | undefined {
  const value = headers?.get('retry-after');
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number.isNaN(Number(value)) ? (new Date(value).getTime() - now) / 1000 : Number(value);
  if (!Number.isFinite(seconds)) return undefined;
  return Math.round(Math.min(Math.max(seconds, 0), SDK_MAX_RETRY_DELAY_SECONDS) * 1000);
}
