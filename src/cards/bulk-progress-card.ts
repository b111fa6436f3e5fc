import { OutcomeCounts } from '../bulk/result-entries';
import { Translate } from '../i18n';
import { DirectoryErrorKind } from '../invitation/directory-error';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, attention, factSet, heading, textBlock } from './elements';
import { directoryErrorText } from '../i18n/labels';

/**
 * The message a bulk run keeps up to date in place: progress while it goes, then the summary. The rows' details
 * are in the result file that follows; the card only counts.
 */

export function renderBulkProgress(t: Translate, data: { fileName: string; done: number; total: number; counts: OutcomeCounts }): AdaptiveCard {
  return adaptiveCard([
    heading(t('bulk:progress.title', { fileName: data.fileName })),
    textBlock(t('bulk:progress.done', { done: data.done, total: data.total })),
    ...countFacts(t, data.counts),
  ]);
}

export interface BulkSummaryData {
  fileName: string;
  counts: OutcomeCounts;
  interrupted: boolean;
  stoppedBy?: DirectoryErrorKind;
  /** Rows whose redeem URL is in the result file. */
  redeemUrls: number;
}

export function renderBulkSummary(t: Translate, data: BulkSummaryData): AdaptiveCard {
  return adaptiveCard([
    heading(t('bulk:summary.title', { fileName: data.fileName })),
    ...countFacts(t, data.counts),
    ...(data.stoppedBy ? [attention(t('bulk:summary.stopped', { reason: directoryErrorText(t, data.stoppedBy) }))] : []),
    ...(data.interrupted ? [attention(t('bulk:summary.interrupted'))] : []),
    textBlock(t('bulk:summary.resultFile')),
    ...(data.redeemUrls > 0 ? [attention(t('bulk:summary.sensitive'))] : []),
  ]);
}

/** The run could not start or ended without results: `busy` (another run has the file) or `failed`. */
export function renderBulkStopped(t: Translate, fileName: string, why: 'busy' | 'failed'): AdaptiveCard {
  return adaptiveCard([heading(t('bulk:progress.title', { fileName })), attention(t(`bulk:summary.${why}`))]);
}

export function renderBulkCancelled(t: Translate, fileName: string): AdaptiveCard {
  return adaptiveCard([heading(t('bulk:cancelled.title')), textBlock(fileName), textBlock(t('bulk:cancelled.text'))]);
}

function countFacts(t: Translate, counts: OutcomeCounts): CardElement[] {
  return factSet(
    (Object.entries(counts) as [keyof OutcomeCounts, number][])
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => [t(`bulk:outcome.${kind}`), String(count)]),
  );
}
