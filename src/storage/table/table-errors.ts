/**
 * The service answers we act on. A failed entity group transaction is reported with the status of the operation
 * that failed, so these work for single operations and transactions alike.
 *   404 ResourceNotFound: the entity (or table) is not there.
 *   409 EntityAlreadyExists: an insert found the key taken.
 *   412 UpdateConditionNotSatisfied: an If-Match named an ETag that is no longer current.
 */
export function hasStatus(error: unknown, status: 404 | 409 | 412): boolean {
  // By name rather than instanceof: a second copy of @azure/core-rest-pipeline in node_modules has its own class.
  return error instanceof Error && error.name === 'RestError' && (error as { statusCode?: number }).statusCode === status;
}

/** True for a write that lost an optimistic race: the entity changed (412) or vanished (404) since it was read. */
export function lostRace(error: unknown): boolean {
  return hasStatus(error, 412) || hasStatus(error, 404);
}

/**
 * Whether a caller's etag can be an entity ETag (`W/"datetime'…'"` on both Azure services). Anything else cannot
 * be current, and sending it would get a 400 rather than the 412 that means "someone else wrote first".
 */
export function looksLikeEntityTag(etag: string): boolean {
  return /^(W\/)?"[^"]+"$/.test(etag);
}
