import { randomUUID } from 'node:crypto';
import { boundedCache } from '../../bounded-cache';

export interface ResultFileToSend {
  fileName: string;
  content: Uint8Array;
  requesterId: string;
}

/** How long a result file waits for its recipient to accept it. */
export const RESULT_FILE_MINUTES = 60;
/** Far more runs than finish in an hour; a bound all the same, since each file is held whole in memory. */
export const MAX_RESULT_FILES = 100;

/**
 * Result files waiting for the file consent card to be accepted. They hold redeem URLs, which GuestPass never
 * stores, so they live only in this process's memory: they are gone after an hour or a restart, and a consent
 * answered by another instance of the bot finds nothing.
 */
export class ResultFiles {
  private readonly files;

  constructor(now: () => number = Date.now) {
    this.files = boundedCache<string, ResultFileToSend>({ max: MAX_RESULT_FILES, ttlMs: RESULT_FILE_MINUTES * 60_000, now });
  }

  keep(file: ResultFileToSend): string {
    const id = randomUUID();
    this.files.set(id, { ...file });
    return id;
  }

  /** The file, for its recipient only. */
  get(id: string, requesterId: string): ResultFileToSend | undefined {
    const file = this.files.get(id);
    return file && file.requesterId === requesterId ? file : undefined;
  }

  drop(id: string): void {
    this.files.delete(id);
  }
}
