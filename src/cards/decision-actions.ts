import { Translate } from '../i18n';
import { MAX_REJECTION_REASON_LENGTH } from '../invitation/decide-request';
import { CardAction } from './adaptive-card';
import { execute, nestedCard, showCard } from './elements';
import { rejectionReasonInputId } from './input-ids';
import { APPROVE, REJECT } from './verbs';

/**
 * The approver's two choices for one request: Approve at once, or Reject behind a ShowCard that asks for the
 * reason first (the requester is owed an explanation; decideRequest refuses a rejection without one). Shared by
 * the approval card and the list of pending approvals so both behave the same.
 *
 * `reasonInputId` must be unique in the card: a list holds one reject form per request.
 */
export function decisionActions(
  t: Translate,
  requestId: string,
  reasonInputId = rejectionReasonInputId(),
  /** What else the answer needs to know about the card the buttons are on (see request-list-card.ts). */
  context: Record<string, string> = {},
): CardAction[] {
  return [
    // Approving needs no input; 'none' keeps an open reject form's text (or its required check) out of it.
    execute(t, APPROVE, t('cards:decision.approve'), { ...context, requestId }, { style: 'positive', associatedInputs: 'none' }),
    showCard(
      t('cards:decision.reject'),
      nestedCard(
        [
          {
            type: 'Input.Text',
            id: reasonInputId,
            label: t('cards:decision.reason.label'),
            placeholder: t('cards:decision.reason.placeholder'),
            isMultiline: true,
            maxLength: MAX_REJECTION_REASON_LENGTH,
            isRequired: true,
            errorMessage: t('cards:decision.reason.required'),
          },
        ],
        [execute(t, REJECT, t('cards:decision.confirmReject'), { ...context, requestId, reasonField: reasonInputId }, { style: 'destructive' })],
      ),
    ),
  ];
}
