import { randomUUID } from 'node:crypto';
import { Clock } from '../../invitation/clock';
import { ConcurrencyError } from '../../invitation/request-repository';
import { StateStore } from '../../storage/store';

/**
 * A file previewed in Teams and waiting for its sender to confirm. The rows are not kept: confirming downloads
 * the file again and checks it is the one previewed (by `fileId`), so the record stays small on every store and
 * a confirmation can land on any instance of the bot.
 */
export interface BulkUpload {
  id: string;
  fileId: string;
  fileName: string;
  /** Teams' pre-authenticated link, valid for a limited time; never logged. */
  downloadUrl: string;
  requesterId: string;
  createdAt: string;
  state: 'previewed' | 'started' | 'cancelled';
}

/** Teams download links do not last long; a preview older than this is refused and the file must be sent again. */
export const PREVIEW_VALID_MS = 60 * 60_000;

export class BulkUploads {
  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
  ) {}

  async create(fields: Omit<BulkUpload, 'id' | 'createdAt' | 'state'>): Promise<BulkUpload> {
    const upload: BulkUpload = { ...fields, id: randomUUID(), createdAt: this.clock.now().toISOString(), state: 'previewed' };
    await this.state.put(key(upload.id), upload);
    return upload;
  }

  /** The upload if it exists and its preview is still valid. */
  async get(id: string): Promise<BulkUpload | undefined> {
    const stored = await this.state.get<BulkUpload>(key(id));
    if (!stored) return undefined;
    const age = this.clock.now().getTime() - new Date(stored.value.createdAt).getTime();
    return age <= PREVIEW_VALID_MS ? stored.value : undefined;
  }

  /**
   * Moves a previewed upload on, once: of two presses of the same button (two devices, a double click, two
   * instances of the bot) exactly one succeeds.
   */
  async leavePreview(id: string, to: 'started' | 'cancelled'): Promise<boolean> {
    const stored = await this.state.get<BulkUpload>(key(id));
    if (!stored || stored.value.state !== 'previewed') return false;
    try {
      await this.state.put(key(id), { ...stored.value, state: to }, stored.etag);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }
}

function key(id: string): string {
  return `bulk-upload.${id}`;
}
