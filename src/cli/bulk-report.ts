import { describeInvalidRow, describeOutcome, describeRowProblem } from '../bulk/describe';
import { countOutcomes, OutcomeCounts, outcomeKind, redeemUrlCount, ResultEntry } from '../bulk/result-entries';
import { InvalidRow } from '../bulk/validate-rows';
import { Translate } from '../i18n';
import { BulkPreview } from '../invitation/bulk-preview';

/** What `guestpass bulk` prints, as text lines for people and as plain data for --json; never a redeem URL. */

export function invalidRowsJson(t: Translate, invalid: InvalidRow[]) {
  return invalid.map(({ line, email, problems }) => ({ line, email, problems: problems.map((problem) => describeRowProblem(t, problem)) }));
}

export function invalidRowsText(t: Translate, invalid: InvalidRow[]): string[] {
  return invalid.map(({ line, problems }) => describeInvalidRow(t, line, problems));
}

/** `valid`: rows without errors; of those, only `preview.toInvite` would be sent. */
export function previewText(t: Translate, fileName: string, rows: number, valid: number, preview: BulkPreview): string[] {
  return [
    [t('cli:bulk.rows', { fileName, count: rows }), t('cli:bulk.ready', { count: preview.toInvite }), t('cli:bulk.withErrors', { count: rows - valid })].join(', '),
    ...(preview.settled.length > 0
      ? [`${t('bulk:preview.settledTitle')}:`, ...preview.settled.map(({ email, earlier }) => `  ${t('bulk:preview.settledRow', { email, outcome: t(`bulk:outcome.${earlier.outcome}`) })}`)]
      : []),
    t('cli:bulk.domains'),
    ...preview.domains.map(({ domain, rows: count, verdict }) => `  ${domain} (${count}): ${t(`bulk:preview.verdict.${verdict}`)}`),
    ...(preview.dailyQuota !== undefined ? [t('bulk:preview.quota', { limit: preview.dailyQuota })] : []),
    ...(preview.withheldEmails > 0 ? [t('bulk:preview.withheld', { count: preview.withheldEmails })] : []),
  ];
}

export function summaryText(t: Translate, fileName: string, entries: ResultEntry[], resultPath: string): string[] {
  const counts = countOutcomes(entries);
  const width = Math.max(...Object.keys(counts).map((kind) => t(`bulk:outcome.${kind}`).length));
  return [
    t('cli:bulk.rows', { fileName, count: entries.length }),
    ...(Object.entries(counts) as [keyof OutcomeCounts, number][])
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `  ${t(`bulk:outcome.${kind}`).padEnd(width)}  ${count}`),
    t('cli:bulk.resultFile', { path: resultPath }),
  ];
}

export function summaryJson(t: Translate, entries: ResultEntry[], formatDate: (iso: string) => string) {
  return {
    counts: countOutcomes(entries),
    redeemUrlsInResultFile: redeemUrlCount(entries),
    results: entries.map((entry) => {
      if ('rejected' in entry) {
        return { line: entry.line, email: entry.email, outcome: 'invalid', reason: entry.rejected.map((p) => describeRowProblem(t, p)).join(' ') };
      }
      const { outcome } = entry;
      const ids: { requestId?: string; userId?: string } = outcome.kind === 'skipped' ? outcome.earlier : outcome.kind === 'notRun' ? {} : outcome;
      return {
        line: entry.line,
        email: entry.email,
        outcome: outcomeKind(entry),
        reason: describeOutcome(t, outcome, formatDate),
        requestId: ids.requestId,
        userId: ids.userId,
        accessEndsAt: outcome.kind === 'skipped' || outcome.kind === 'notRun' ? undefined : outcome.accessEndsAt,
      };
    }),
  };
}
