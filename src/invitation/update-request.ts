import { InvitationRequest } from './invitation-request';
import { ConcurrencyError, RequestRepository, Versioned } from './request-repository';

const MAX_ATTEMPTS = 20;

export class RequestNotFoundError extends Error {
  constructor(readonly requestId: string) {
    super(`No request ${requestId}`);
    this.name = 'RequestNotFoundError';
  }
}

export interface RequestUpdate {
  changed: boolean;
  request: InvitationRequest;
  /** The version of `request`: hand `{ value: request, etag }` to the next update to spare it a read. */
  etag: string;
}

/**
 * Read-modify-write with optimistic concurrency: `change` returns the new request, or `undefined` to leave it as
 * it is. Another writer winning the race just means trying again on what it wrote.
 *
 * `target` is the request's id, or the version the caller holds (what it created or last updated): the first
 * write then goes straight to the store with that version's etag. That is safe because the etag check refuses
 * the write if anyone changed the request since; a refusal, and any decision to leave the request alone, is
 * made again on freshly read state, so decisions are always made on current state.
 */
export async function updateRequest(
  requests: RequestRepository,
  target: string | Versioned<InvitationRequest>,
  change: (current: InvitationRequest) => InvitationRequest | undefined,
): Promise<RequestUpdate> {
  const requestId = typeof target === 'string' ? target : target.value.id;
  let held = typeof target === 'string' ? undefined : target;
  for (let attempt = 1; ; attempt++) {
    const current: Versioned<InvitationRequest> | undefined = held ?? (await requests.get(requestId));
    if (!current) throw new RequestNotFoundError(requestId);
    const next = change(current.value);
    if (!next) {
      if (held) {
        held = undefined; // the held version may be stale: decide "no change" on what the store has now
        continue;
      }
      return { changed: false, request: current.value, etag: current.etag };
    }
    held = undefined;
    try {
      const saved = await requests.update(next, current.etag);
      return { changed: true, request: saved.value, etag: saved.etag };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
