import { createHash } from 'node:crypto';
import { Clock } from '../../invitation/clock';
import { AlreadyExistsError, ConcurrencyError } from '../../invitation/request-repository';
import { StateStore } from '../../storage/store';
import { PendingWork } from './pending-work';

/** Long enough to find and press a sign-in button; short enough that a stale command does not surprise anyone. */
export const PENDING_SIGN_IN_MINUTES = 10;
const ATTEMPTS = 3;

interface PendingRecord {
  /** Null once taken (housekeeping deletes the record later). */
  work: PendingWork | null;
  until: string;
}

/**
 * The command a person gave before signing in, one per person and conversation, in the store so that the
 * instance that receives the sign-in (not necessarily the one that asked for it) finds it. Taking it is a
 * compare-and-swap: of two sign-ins racing (Teams sends the exchange from each of the person's clients, maybe to
 * different instances) exactly one runs the command.
 */
export class PendingSignIns {
  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
    private readonly minutes = PENDING_SIGN_IN_MINUTES,
  ) {}

  /** Keeps `work` (replacing an earlier one: the latest command is the one the person means). */
  async keep(personId: string, conversationId: string, work: PendingWork): Promise<void> {
    const key = pendingKey(personId, conversationId);
    const until = new Date(this.clock.now().getTime() + this.minutes * 60_000);
    for (let attempt = 1; ; attempt++) {
      const current = await this.state.get<PendingRecord>(key);
      try {
        // Of no use once it can no longer be taken: housekeeping deletes it then.
        await this.state.put<PendingRecord>(key, { work, until: until.toISOString() }, current?.etag, { keepUntil: until });
        return;
      } catch (error) {
        const lostRace = error instanceof ConcurrencyError || error instanceof AlreadyExistsError;
        if (!lostRace || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** The kept work, once: undefined when there is none, it expired, or another sign-in took it first. */
  async take(personId: string, conversationId: string): Promise<PendingWork | undefined> {
    const key = pendingKey(personId, conversationId);
    const current = await this.state.get<PendingRecord>(key);
    const work = current?.value.work;
    if (!current || !work) return undefined;
    const now = this.clock.now();
    if (new Date(current.value.until) <= now) return undefined;
    try {
      await this.state.put<PendingRecord>(key, { work: null, until: now.toISOString() }, current.etag, { keepUntil: now });
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
    return work;
  }
}

/** Conversation ids are long and full of `:;@`; a hash keeps the key short and within every store's alphabet. */
function pendingKey(personId: string, conversationId: string): string {
  const conversation = createHash('sha256').update(conversationId).digest('base64url').slice(0, 22);
  return `sso:pending:${personId.toLowerCase()}:${conversation}`;
}
