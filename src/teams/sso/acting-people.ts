import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { InvitationPacer } from '../../invitation/bulk-ports';

/** A person's sign-on token as the Bot Framework token service hands it out. */
export interface HeldToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Asked for again this long before it expires, for work that outlives the turn (a bulk run). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The person whose turn is running, and their sign-on token for GuestPass's API. The token is fetched from the
 * Bot Framework token service the first time an operation needs it, and held only in this object, in memory, for
 * as long as the turn's work runs: the token service keeps people's tokens, GuestPass never stores one.
 */
export class TurnPerson {
  private held?: HeldToken;
  private asked = false;
  private inFlight?: Promise<string | undefined>;
  /** Set once a sign-in completed in this turn: asking for another would only loop. */
  signedInThisTurn = false;

  constructor(
    /** The person's Entra object id; empty when the activity did not say. */
    readonly userId: string,
    private readonly fetchToken: () => Promise<HeldToken | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  async assertion(): Promise<string | undefined> {
    if (this.held && this.held.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.held.token;
    if (this.inFlight) return this.inFlight;
    if (this.asked && !this.held) return undefined;
    this.asked = true;
    this.inFlight = this.fetchToken()
      .then((held) => {
        this.held = held;
        return held?.token;
      })
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The token a sign-in in this turn just produced. */
  remember(held: HeldToken): void {
    this.held = held;
    this.asked = true;
    this.signedInThisTurn = true;
  }

  /** Drops a token that turned out unusable (signed out at the token service too). */
  forget(): void {
    this.held = undefined;
    this.asked = true;
  }
}

/**
 * Who the code running now acts for: each Teams turn runs inside `run`, and the Graph gateway asks `current()`.
 * Outside any turn (background jobs, the command line) there is nobody, and the gateway uses the app's authority.
 */
export class ActingPeople {
  private readonly storage = new AsyncLocalStorage<TurnPerson>();

  run<T>(person: TurnPerson, work: () => Promise<T>): Promise<T> {
    return this.storage.run(person, work);
  }

  current(): TurnPerson | undefined {
    return this.storage.getStore();
  }
}

/**
 * A pacer whose tasks run as the person who scheduled them. A shared scheduler may start a queued task from the
 * completion of another person's task, which would otherwise lend it that person's authority; binding the task
 * to its scheduler's context at `schedule` time rules that out.
 */
export function pacerKeepingActingPerson(pacer: InvitationPacer): InvitationPacer {
  return {
    schedule: (task) => pacer.schedule(AsyncResource.bind(task)),
    slowDown: (waitMs) => pacer.slowDown(waitMs),
  };
}
