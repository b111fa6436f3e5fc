/**
 * When each requester's requests were created, kept sorted, so the daily quota is a binary search instead of a
 * scan of every request ever made. It follows creates and updates; a request's requester and creation time never
 * change in practice, but an update that changed them would still be indexed right.
 */
export class CreationIndex {
  private readonly byRequester = new Map<string, number[]>();
  private readonly entries = new Map<string, { requesterId: string; createdAt: number }>();

  record(requestId: string, requesterId: string, createdAt: number): void {
    const previous = this.entries.get(requestId);
    if (previous?.requesterId === requesterId && previous.createdAt === createdAt) return;
    if (previous) {
      const times = this.byRequester.get(previous.requesterId) ?? [];
      times.splice(firstAtOrAfter(times, previous.createdAt), 1);
    }
    this.entries.set(requestId, { requesterId, createdAt });
    let times = this.byRequester.get(requesterId);
    if (!times) this.byRequester.set(requesterId, (times = []));
    // Requests arrive in time order, so this is almost always an append.
    times.splice(firstAfter(times, createdAt), 0, createdAt);
  }

  countSince(requesterId: string, from: number): number {
    const times = this.byRequester.get(requesterId);
    return times ? times.length - firstAtOrAfter(times, from) : 0;
  }
}

/** The index of the first element ≥ `value` in ascending `sorted`. */
function firstAtOrAfter(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the first element > `value` in ascending `sorted`. */
function firstAfter(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
