import { defuseFormula } from '../bulk/result-csv';
import { GuestReportRow } from '../invitation/lifecycle/guest-report';

/**
 * Stable English headers and codes (states, next actions), like the bulk result file, so scripts read the report
 * whatever the operator's language. Several sponsors share one cell, separated by semicolons.
 */
export const REPORT_HEADER = [
  'Address',
  'Display name',
  'State',
  'Redemption',
  'Sponsors',
  'Access ends',
  'Last sign-in',
  'Next action',
  'Next action at',
  'Invited by',
  'Request id',
  'Object id',
] as const;

export function reportCsvRecords(rows: GuestReportRow[]): string[][] {
  return rows.map((row) =>
    [
      row.address,
      row.displayName ?? '',
      row.state,
      row.redemption,
      row.sponsorIds.join(';'),
      row.accessEndsAt ?? '',
      row.lastSignInAt ?? '',
      row.nextAction,
      row.nextActionAt ?? '',
      row.invitedBy?.displayName ?? '',
      row.requestId ?? '',
      row.userId,
    ].map(defuseFormula),
  );
}

/** CSV text for records, CRLF as Excel writes it; loaded on first use, as the bulk result file does. */
export function csvText(records: readonly (readonly string[])[]): string {
  const { stringify } = require('csv-stringify/sync') as typeof import('csv-stringify/sync');
  return stringify(records.map((record) => [...record]), { record_delimiter: 'windows' });
}
