import { AuditEntry, AuditTrail } from '../../invitation/audit-trail';

/** An append-only array; copies on the way in and out so callers cannot rewrite history. */
export class MemoryAuditTrail implements AuditTrail {
  private readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }

  async latest(count: number): Promise<AuditEntry[]> {
    const wanted = Math.max(0, Math.floor(count));
    if (wanted === 0) return [];
    return structuredClone(this.entries.slice(-wanted).reverse());
  }
}
