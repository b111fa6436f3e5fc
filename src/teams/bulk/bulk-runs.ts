import { ConversationReference } from 'botbuilder';
import { InvalidRow, ValidRow } from '../../bulk/validate-rows';
import { Clock } from '../../invitation/clock';
import { AlreadyExistsError, ConcurrencyError } from '../../invitation/request-repository';
import { Requester } from '../../invitation/requester';
import { StateStore } from '../../storage/store';
import { partition } from './bulk-uploads';

/** A confirmed bulk file, from the first row to the result file. */
export interface BulkJob {
  /** The upload it was confirmed from. */
  id: string;
  fileName: string;
  fileId: string;
  rows: ValidRow[];
  invalid: InvalidRow[];
  requester: Requester;
  /** The personal chat the file came from: progress, summary and result file go there. */
  reference: Partial<ConversationReference>;
  /** Where the requester hears of approvals later, as for requests made one by one. */
  replyTo: string;
  locale?: string;
}

/** What is kept of a run besides its rows, which lie beside it in parts small enough for every store. */
interface StoredRun extends Omit<BulkJob, 'rows'> {
  rowParts: number;
  /** ISO instant the run was confirmed. */
  startedAt: string;
  /** The progress message, once posted: an instance that finishes the run updates it rather than posting another. */
  progressActivityId?: string;
  finished: boolean;
}

export interface KeptRun {
  job: BulkJob;
  startedAt: Date;
  progressActivityId?: string;
}

/** The ids of the runs not finished yet: the state space has no listing, so the store keeps this one. */
const UNFINISHED_KEY = 'bulk-runs.unfinished';
const MAX_ATTEMPTS = 20;

/**
 * Bulk runs kept in the store while they last, so that if the instance running one stops, another can finish it
 * and report it in the same progress message (`resumeBulkRuns`). The rows are forgotten once the run finishes.
 */
export class BulkRuns {
  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
  ) {}

  async keep(job: BulkJob): Promise<void> {
    const { rows, ...fields } = job;
    const parts = partition(rows);
    // The parts first: a run record always finds all of its rows.
    await Promise.all(parts.map((part, index) => this.state.put(rowsKey(job.id, index), part)));
    const run: StoredRun = { ...fields, rowParts: parts.length, startedAt: this.clock.now().toISOString(), finished: false };
    await this.state.put(key(job.id), run);
    await this.changeUnfinished((ids) => [...ids.filter((id) => id !== job.id), job.id]);
  }

  /** The run and its rows, unless it finished. */
  async get(id: string): Promise<KeptRun | undefined> {
    const stored = await this.state.get<StoredRun>(key(id));
    if (!stored || stored.value.finished) return undefined;
    const { rowParts, startedAt, progressActivityId, finished: _finished, ...fields } = stored.value;
    const parts = await Promise.all(Array.from({ length: rowParts }, (_, index) => this.state.get<ValidRow[]>(rowsKey(id, index))));
    if (parts.some((part) => !part)) return undefined;
    return { job: { ...fields, rows: parts.flatMap((part) => part!.value) }, startedAt: new Date(startedAt), progressActivityId };
  }

  async unfinished(): Promise<string[]> {
    return (await this.state.get<string[]>(UNFINISHED_KEY))?.value ?? [];
  }

  async noteProgressMessage(id: string, activityId: string): Promise<void> {
    await this.changeRun(id, (run) => ({ ...run, progressActivityId: activityId }));
  }

  /** The run is over (reported, or given up): its rows are forgotten and no instance takes it up again. */
  async finish(id: string): Promise<void> {
    const rowParts = await this.changeRun(id, (run) => ({ ...run, finished: true }));
    await Promise.all(
      Array.from({ length: rowParts }, async (_, index) => {
        const part = await this.state.get<ValidRow[]>(rowsKey(id, index));
        if (part) await this.state.put(rowsKey(id, index), [], part.etag).catch(() => undefined);
      }),
    );
    await this.changeUnfinished((ids) => ids.filter((other) => other !== id));
  }

  /** Returns the run's number of row parts (0 if there is no such run). */
  private async changeRun(id: string, change: (run: StoredRun) => StoredRun): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.state.get<StoredRun>(key(id));
      if (!stored) return 0;
      try {
        await this.state.put(key(id), change(stored.value), stored.etag);
        return stored.value.rowParts;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async changeUnfinished(change: (ids: string[]) => string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.state.get<string[]>(UNFINISHED_KEY);
      try {
        await this.state.put(UNFINISHED_KEY, change(stored?.value ?? []), stored?.etag);
        return;
      } catch (error) {
        const lost = error instanceof ConcurrencyError || error instanceof AlreadyExistsError;
        if (!lost || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

function key(id: string): string {
  return `bulk-run.${id}`;
}

function rowsKey(id: string, index: number): string {
  return `bulk-run.${id}.rows.${index}`;
}
