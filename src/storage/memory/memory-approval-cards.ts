import { ApprovalCardLocations, CardLocation } from '../store';

export class MemoryApprovalCards implements ApprovalCardLocations {
  private readonly byRequest = new Map<string, CardLocation[]>();

  async add(requestId: string, location: CardLocation): Promise<void> {
    const locations = this.byRequest.get(requestId) ?? [];
    const copy = structuredClone(location);
    const existing = locations.findIndex(
      (l) => l.conversationId === location.conversationId && l.activityId === location.activityId,
    );
    // Replace in place: same card, possibly a newer serviceUrl; keeps first-added order like the SQLite upsert.
    if (existing >= 0) locations[existing] = copy;
    else locations.push(copy);
    this.byRequest.set(requestId, locations);
  }

  async list(requestId: string): Promise<CardLocation[]> {
    return structuredClone(this.byRequest.get(requestId) ?? []);
  }
}
