/** One line of the audit trail. Never holds a secret, a token or a redeem URL. */
export interface AuditEntry {
  at: string;
  /** e.g. `request.created`, `request.approved`, `graph.invitation.succeeded`, `graph.invitation.failed`. */
  event: string;
  requestId?: string;
  actor?: { id: string; displayName: string };
  /** The invited address or other subject of the event. */
  subject?: string;
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
  /** The latest `count` entries, newest first. */
  latest(count: number): Promise<AuditEntry[]>;
}
