import { randomUUID } from 'node:crypto';

export interface ResultFileToSend {
  fileName: string;
  content: Uint8Array;
  requesterId: string;
}

/** How long a result file waits for its recipient to accept it. */
export const RESULT_FILE_MINUTES = 60;

/**
 * Result files waiting for the file consent card to be accepted. They hold redeem URLs, which GuestPass never
 * stores, so they live only in this process's memory: they are gone after an hour or a restart, and a consent
 * answered by another instance of the bot finds nothing.
 */
export class ResultFiles {
  private readonly files = new Map<string, ResultFileToSend & { expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  keep(file: ResultFileToSend): string {
    this.forgetExpired();
    const id = randomUUID();
    this.files.set(id, { ...file, expiresAt: this.now() + RESULT_FILE_MINUTES * 60_000 });
    return id;
  }

  /** The file, for its recipient only. */
  get(id: string, requesterId: string): ResultFileToSend | undefined {
    this.forgetExpired();
    const file = this.files.get(id);
    return file && file.requesterId === requesterId ? file : undefined;
  }

  drop(id: string): void {
    this.files.delete(id);
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [id, file] of this.files) if (file.expiresAt <= now) this.files.delete(id);
  }
}
