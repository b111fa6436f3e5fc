import { randomUUID } from 'node:crypto';
import { BulkCsvRow } from '../../bulk/parse-bulk-csv';
import { Clock } from '../../invitation/clock';
import { ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { StateWriteOptions } from '../../invitation/versioned-state';
import { StateStore } from '../../storage/store';

/**
 * A file previewed in Teams and waiting for its sender to confirm. Teams' download link is used once, for the
 * preview, and never kept (it is a credential for the file); the parsed rows are kept instead, so confirming runs
 * exactly what was previewed, on any instance of the bot. The rows are spread over `rowParts` records beside the
 * upload, each small enough for every store, and emptied once the preview is confirmed or cancelled.
 */
export interface BulkUpload {
  id: string;
  fileId: string;
  fileName: string;
  /** Header texts GuestPass does not know, for the confirmed card. */
  ignoredColumns: string[];
  rowParts: number;
  requesterId: string;
  createdAt: string;
  state: 'previewed' | 'started' | 'cancelled';
}

/** A preview older than this is refused and the file must be sent again. */
export const PREVIEW_VALID_MS = 60 * 60_000;

/**
 * Characters of JSON per part, under the 450,000 a table store state record holds; a longer row gets a part of its
 * own, and even a row of cut cells that JSON escapes sixfold stays near 300,000.
 */
const PART_CHARACTERS = 200_000;
/**
 * Longer cells are cut to this many characters before they are kept: no cell is valid beyond 10,000 characters
 * (the highest INVITE_MESSAGE_MAX_LENGTH), so a cut cell is still refused for its length, and even a row of such
 * cells fits in one part.
 */
const MAX_KEPT_CELL = 10_001;

type NewUpload = Omit<BulkUpload, 'id' | 'createdAt' | 'state' | 'rowParts'> & { rows: BulkCsvRow[] };

export class BulkUploads {
  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
  ) {}

  async create({ rows, ...fields }: NewUpload): Promise<BulkUpload> {
    const id = randomUUID();
    const parts = partition(rows.map(keptRow));
    const createdAt = this.clock.now();
    const kept = keptFor(createdAt.toISOString());
    // The parts first: an upload record always finds all of its rows.
    await Promise.all(parts.map((part, index) => this.state.put(rowsKey(id, index), part, undefined, kept)));
    const upload: BulkUpload = { ...fields, id, rowParts: parts.length, createdAt: createdAt.toISOString(), state: 'previewed' };
    await this.state.put(key(id), upload, undefined, kept);
    return upload;
  }

  /** The upload if it exists and its preview is still valid. */
  async get(id: string): Promise<BulkUpload | undefined> {
    const stored = await this.state.get<BulkUpload>(key(id));
    if (!stored) return undefined;
    if (typeof stored.value.rowParts !== 'number') return this.dropLegacy(id, stored);
    const age = this.clock.now().getTime() - new Date(stored.value.createdAt).getTime();
    return age <= PREVIEW_VALID_MS ? stored.value : undefined;
  }

  /** The previewed rows, in the file's order; undefined once they have been emptied. */
  async rows(upload: BulkUpload): Promise<BulkCsvRow[] | undefined> {
    const parts = await Promise.all(partIndexes(upload).map((index) => this.state.get<BulkCsvRow[]>(rowsKey(upload.id, index))));
    if (parts.some((part) => !part || part.value.length === 0)) return undefined;
    return parts.flatMap((part) => part!.value);
  }

  /**
   * Moves a previewed upload on, once: of two presses of the same button (two devices, a double click, two
   * instances of the bot) exactly one succeeds.
   */
  async leavePreview(id: string, to: 'started' | 'cancelled'): Promise<boolean> {
    const stored = await this.state.get<BulkUpload>(key(id));
    if (!stored || stored.value.state !== 'previewed') return false;
    try {
      await this.state.put(key(id), { ...stored.value, state: to }, stored.etag, keptFor(stored.value.createdAt));
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
    await this.forgetRows(stored.value);
    return true;
  }

  /**
   * A preview written by an earlier version kept Teams' download link and no rows: it cannot be confirmed, and the
   * link is removed from the store as soon as the preview is seen.
   */
  private async dropLegacy(id: string, stored: Versioned<BulkUpload>): Promise<undefined> {
    const { downloadUrl: _link, ...rest } = stored.value as BulkUpload & { downloadUrl?: string };
    await this.state.put(key(id), { ...rest, rowParts: 0, state: 'cancelled' }, stored.etag, keptFor(rest.createdAt)).catch(() => undefined);
    return undefined;
  }

  /** The addresses and messages of the file are not kept once the preview is settled. */
  private async forgetRows(upload: BulkUpload): Promise<void> {
    await Promise.all(
      partIndexes(upload).map(async (index) => {
        const part = await this.state.get<BulkCsvRow[]>(rowsKey(upload.id, index));
        if (part) await this.state.put(rowsKey(upload.id, index), [], part.etag, keptFor(upload.createdAt)).catch(() => undefined);
      }),
    );
  }
}

/**
 * An upload and its rows matter only while the preview can be confirmed: after that housekeeping deletes them,
 * so a file nobody confirmed or cancelled does not keep its addresses and messages in the store.
 */
function keptFor(createdAt: string): StateWriteOptions {
  const created = Date.parse(createdAt);
  return { keepUntil: new Date((Number.isFinite(created) ? created : 0) + PREVIEW_VALID_MS) };
}

function keptRow(row: BulkCsvRow): BulkCsvRow {
  const values: BulkCsvRow['values'] = {};
  for (const [column, value] of Object.entries(row.values) as [keyof BulkCsvRow['values'], string][]) {
    values[column] = value.length > MAX_KEPT_CELL ? value.slice(0, MAX_KEPT_CELL) : value;
  }
  return { line: row.line, values };
}

/** Rows in parts of at most PART_CHARACTERS of JSON each (a longer row gets a part of its own), in order. */
export function partition<Row>(rows: Row[]): Row[][] {
  const parts: Row[][] = [];
  let current: Row[] = [];
  let characters = 0;
  for (const row of rows) {
    const length = JSON.stringify(row).length;
    if (current.length > 0 && characters + length > PART_CHARACTERS) {
      parts.push(current);
      current = [];
      characters = 0;
    }
    current.push(row);
    characters += length + 1;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function partIndexes(upload: BulkUpload): number[] {
  return Array.from({ length: upload.rowParts }, (_, index) => index);
}

function key(id: string): string {
  return `bulk-upload.${id}`;
}

function rowsKey(id: string, index: number): string {
  return `bulk-upload.${id}.rows.${index}`;
}
