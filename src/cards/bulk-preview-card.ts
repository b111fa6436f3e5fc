import { describeInvalidRow } from '../bulk/describe';
import { InvalidRow } from '../bulk/validate-rows';
import { Translate } from '../i18n';
import { BulkPreview } from '../invitation/bulk-preview';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { BULK_CANCEL, BULK_CONFIRM, BulkActionData } from './bulk-verbs';
import { adaptiveCard, attention, bullets, execute, factSet, heading, subtle, textBlock } from './elements';

export interface BulkPreviewData {
  uploadId: string;
  fileName: string;
  rows: number;
  invalid: InvalidRow[];
  ignoredColumns: string[];
  preview: BulkPreview;
  /** Once confirmed the card keeps its facts but loses its buttons, so nobody starts the same file twice. */
  started?: boolean;
}

/** Enough rows to fix a typo-level file from the card; a file with more problems needs the list anyway. */
const MAX_ERRORS_SHOWN = 15;

/**
 * What a bulk file would do, before anything is sent: counts, errors by row, the rows an earlier run settled, and
 * the policy's verdict per domain. "Ready to invite" and the button count only the rows a run would send.
 */
export function renderBulkPreview(t: Translate, data: BulkPreviewData): AdaptiveCard {
  const { preview, invalid } = data;
  const ready = preview.toInvite;
  const sendable = preview.mayInvite && ready > 0;
  const body: CardElement[] = [
    heading(t('bulk:preview.title', { fileName: data.fileName })),
    ...factSet([
      [t('bulk:preview.rows'), String(data.rows)],
      [t('bulk:preview.ready'), String(ready)],
      [t('bulk:preview.settled'), preview.settled.length > 0 ? String(preview.settled.length) : undefined],
      [t('bulk:preview.withErrors'), invalid.length > 0 ? String(invalid.length) : undefined],
    ]),
    ...errors(t, invalid),
    ...settled(t, preview),
    ...domains(t, preview),
    ...(data.ignoredColumns.length > 0 ? [subtle(t('bulk:preview.ignoredColumns', { columns: data.ignoredColumns.join(', ') }))] : []),
    ...(preview.dailyQuota !== undefined ? [textBlock(t('bulk:preview.quota', { limit: preview.dailyQuota }))] : []),
    ...(preview.withheldEmails > 0 ? [attention(t('bulk:preview.withheld', { count: preview.withheldEmails }))] : []),
    ...(preview.mayInvite ? [] : [attention(t('bulk:preview.notAnInviter'))]),
    ...(preview.mayInvite && ready === 0 ? [attention(t(preview.settled.length > 0 ? 'bulk:preview.allSettled' : 'bulk:preview.nothingToSend'))] : []),
  ];
  if (data.started) return adaptiveCard([...body, textBlock(t('bulk:preview.started'), { weight: 'bolder' })]);
  if (!sendable) return adaptiveCard(body);
  const action: BulkActionData = { uploadId: data.uploadId };
  return adaptiveCard(body, [
    execute(t, BULK_CONFIRM, t('bulk:preview.confirm', { count: ready }), { ...action }, { style: 'positive', associatedInputs: 'none' }),
    execute(t, BULK_CANCEL, t('bulk:preview.cancel'), { ...action }, { associatedInputs: 'none' }),
  ]);
}

function errors(t: Translate, invalid: InvalidRow[]): CardElement[] {
  if (invalid.length === 0) return [];
  const shown = invalid.slice(0, MAX_ERRORS_SHOWN).map(({ line, problems }) => describeInvalidRow(t, line, problems));
  const more = invalid.length - shown.length;
  return [
    textBlock(t('bulk:preview.errorsTitle'), { weight: 'bolder', spacing: 'medium' }),
    ...bullets(shown),
    ...(more > 0 ? [subtle(t('bulk:preview.moreErrors', { count: more }))] : []),
  ];
}

/** Listed before the button, so nobody confirms believing these rows will be invited again. */
function settled(t: Translate, preview: BulkPreview): CardElement[] {
  if (preview.settled.length === 0) return [];
  const shown = preview.settled.slice(0, MAX_ERRORS_SHOWN).map(({ email, earlier }) => t('bulk:preview.settledRow', { email, outcome: t(`bulk:outcome.${earlier.outcome}`) }));
  const more = preview.settled.length - shown.length;
  return [
    textBlock(t('bulk:preview.settledTitle'), { weight: 'bolder', spacing: 'medium' }),
    ...bullets(shown),
    ...(more > 0 ? [subtle(t('bulk:preview.moreSettled', { count: more }))] : []),
  ];
}

function domains(t: Translate, preview: BulkPreview): CardElement[] {
  if (preview.domains.length === 0) return [];
  return [
    textBlock(t('bulk:preview.domainsTitle'), { weight: 'bolder', spacing: 'medium' }),
    ...factSet(
      preview.domains.map(({ domain, rows, verdict }) => [domain, t('bulk:preview.domain', { verdict: t(`bulk:preview.verdict.${verdict}`), rows })]),
    ),
  ];
}
