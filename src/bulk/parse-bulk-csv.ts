import { createHash } from 'node:crypto';
import { BULK_COLUMNS, BulkColumn, columnOf, TEMPLATE_EXAMPLE_ROW, TEMPLATE_VERSION_LINE } from './csv-columns';

/** One data row: its cells by column, and its row number as Excel shows it (1-based, every record counted). */
export interface BulkCsvRow {
  line: number;
  values: Partial<Record<BulkColumn, string>>;
}

export type BulkFileError =
  | { code: 'tooLarge'; maxBytes: number }
  /** Excel's plain "CSV" saves in the Windows code page; "CSV UTF-8" is what keeps ı, ş, é… intact. */
  | { code: 'notUtf8' }
  | { code: 'malformed'; line: number }
  | { code: 'noHeader' }
  | { code: 'noEmailColumn' }
  | { code: 'duplicateColumn'; column: BulkColumn }
  | { code: 'noRows' }
  | { code: 'tooManyRows'; max: number };

export type BulkCsvFile =
  | {
      ok: true;
      rows: BulkCsvRow[];
      /** Header texts GuestPass does not know; their cells are ignored. */
      ignoredColumns: string[];
      /** Identifies the file by its normalized content (see `fileIdOf`). */
      fileId: string;
    }
  | { ok: false; error: BulkFileError };

export const MAX_BULK_BYTES = 5 * 1024 * 1024;
export const MAX_BULK_ROWS = 5_000;

/**
 * Reads a bulk invitation file: UTF-8 (with or without BOM), comma-, semicolon- or tab-separated (Excel uses the
 * locale's list separator, a semicolon in Turkish), the template's version line and examples row skipped.
 */
export function parseBulkCsv(bytes: Uint8Array): BulkCsvFile {
  if (bytes.byteLength > MAX_BULK_BYTES) return failure({ code: 'tooLarge', maxBytes: MAX_BULK_BYTES });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure({ code: 'notUtf8' });
  }

  let records: { record: string[]; info: { records: number } }[];
  try {
    // Loaded on the first bulk file, not at start-up. With `info`, each record comes with its position; the
    // typings only know the plain record shape.
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    records = parse(text, { delimiter: sniffDelimiter(text), relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as typeof records;
  } catch (error) {
    return failure({ code: 'malformed', line: (error as { lines?: number }).lines ?? 0 });
  }

  const meaningful = records.filter(({ record }) => !isBlank(record));
  const start = meaningful[0] && TEMPLATE_VERSION_LINE.test(meaningful[0].record[0]?.trim() ?? '') ? 1 : 0;
  const header = meaningful[start];
  if (!header) return failure({ code: 'noHeader' });

  const columns = new Map<number, BulkColumn>();
  const ignoredColumns: string[] = [];
  for (const [index, text] of header.record.entries()) {
    const column = columnOf(text);
    if (!column) {
      if (text.trim()) ignoredColumns.push(text.trim());
      continue;
    }
    if ([...columns.values()].includes(column)) return failure({ code: 'duplicateColumn', column });
    columns.set(index, column);
  }
  if (![...columns.values()].includes('inviteeEmail')) return failure({ code: 'noEmailColumn' });

  const rows: BulkCsvRow[] = [];
  for (const { record, info } of meaningful.slice(start + 1)) {
    if (TEMPLATE_EXAMPLE_ROW.test(record[0]?.trim() ?? '')) continue;
    const values: BulkCsvRow['values'] = {};
    for (const [index, column] of columns) values[column] = record[index] ?? '';
    rows.push({ line: info.records, values });
  }
  if (rows.length === 0) return failure({ code: 'noRows' });
  if (rows.length > MAX_BULK_ROWS) return failure({ code: 'tooManyRows', max: MAX_BULK_ROWS });
  return { ok: true, rows, ignoredColumns, fileId: fileIdOf(rows) };
}

/**
 * The same invitations give the same id whatever Excel did to the file on the way: line endings, BOM, quoting,
 * separator, column order, row order, the version line, blank rows, stray spaces, the case of addresses. Any
 * change to what would be sent gives another id, so a re-run never mistakes an edited file for the one it ran.
 */
export function fileIdOf(rows: BulkCsvRow[]): string {
  const canonical = rows
    .map(({ values }) => {
      const cells = BULK_COLUMNS.map((column) => {
        const value = (values[column] ?? '').replace(/\r\n?/g, '\n').trim();
        return column === 'inviteeEmail' || column === 'sendEmail' ? value.toLowerCase() : value;
      });
      // A file without access days keeps the id it had before the column existed, so a re-run still finds its rows.
      if (cells.at(-1) === '' && BULK_COLUMNS.at(-1) === 'expiresAfterDays') cells.pop();
      return JSON.stringify(cells);
    })
    .sort();
  return createHash('sha256').update(canonical.join('\n')).digest('hex').slice(0, 32);
}

/** The separator that occurs most on the header line (outside quotes); a comma when none does. */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  const headerLine = (TEMPLATE_VERSION_LINE.test(lines[0]?.trim() ?? '') ? lines[1] : lines[0]) ?? '';
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: unquoted.split(delimiter).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.delimiter : ',';
}

function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

function failure(error: BulkFileError): BulkCsvFile {
  return { ok: false, error };
}
