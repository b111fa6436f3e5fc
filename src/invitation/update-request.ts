import { InvitationRequest } from './invitation-request';
import { ConcurrencyError, RequestRepository, Versioned } from './request-repository';

const MAX_ATTEMPTS = 20;

export class RequestNotFoundError extends Error {
  constructor(readonly requestId: string) {
    super(`No request ${requestId}`);
    this.name = 'RequestNotFoundError';
  }
}

/**
 * Read-modify-write with optimistic concurrency: `change` sees fresh state on every attempt and returns the new
 * request, or `undefined` to leave it as it is. Another writer winning the race just means trying again on what
 * it wrote, so decisions are always made on current state.
 */
export async function updateRequest(
  requests: RequestRepository,
  requestId: string,
  change: (current: InvitationRequest) => InvitationRequest | undefined,
): Promise<{ changed: boolean; request: InvitationRequest }> {
  for (let attempt = 1; ; attempt++) {
    const current: Versioned<InvitationRequest> | undefined = await requests.get(requestId);
    if (!current) throw new RequestNotFoundError(requestId);
    const next = change(current.value);
    if (!next) return { changed: false, request: current.value };
    try {
      const saved = await requests.update(next, current.etag);
      return { changed: true, request: saved.value };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
