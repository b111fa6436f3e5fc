import { Translate } from '.';
import { DirectoryError, DirectoryErrorKind } from '../invitation/directory-error';
import { DirectoryUser, ExternalUserState } from '../invitation/directory-user';
import { ValidationProblem } from '../invitation/invitation-draft';
import { ApprovalReason, RequestState } from '../invitation/invitation-request';
import { RefusalReason } from '../invitation/submit-invitation';

/**
 * The domain's stable codes in people's words. Every card goes through these functions so one state or error
 * reads the same everywhere, and the locale tests can check that every code has a translation.
 */

export function requestStateLabel(t: Translate, state: RequestState): string {
  return t(`cards:common.requestState.${state}`);
}

/** The open request that holds an address: enough to say who asked for it, when, and how far it got. */
export interface OpenRequestFacts {
  email: string;
  requestId: string;
  requesterName: string;
  createdAt: string;
  state: RequestState;
  /** The person reading asked for it themselves. */
  yours: boolean;
}

/** Why a second request for an address was refused: who asked first and when (or that it was the reader). */
export function alreadyRequestedText(t: Translate, facts: OpenRequestFacts, formatDate: (iso: string) => string): string {
  const params = {
    email: facts.email,
    name: facts.requesterName,
    at: formatDate(facts.createdAt),
    state: requestStateLabel(t, facts.state),
    requestId: facts.requestId,
  };
  return t(facts.yours ? 'cards:result.alreadyRequested.textYours' : 'cards:result.alreadyRequested.text', params);
}

export function approvalReasonLabel(t: Translate, reason: ApprovalReason): string {
  return t(`cards:common.approvalReason.${reason}`);
}

/**
 * An operation whose failures some kinds describe in words of their own, because the kind's usual words would
 * mislead there (a reset refused for a permission that inviting does not need).
 */
export type DirectoryErrorOperation = 'reset';

/**
 * One text per kind, for cards, chat messages, bulk results and the command line alike; with `operation`, that
 * operation's wording of the kind where it has one (`<kind>_<operation>` beside the kind's text), else the kind's.
 */
export function directoryErrorText(t: Translate, kind: DirectoryErrorKind, operation?: DirectoryErrorOperation): string {
  return t(`cards:common.directoryError.${kind}`, operation ? { context: operation } : undefined);
}

/** A directory failure in words the requester can act on, with Graph's request id for the administrator. */
export function describeDirectoryError(t: Translate, error: DirectoryError, operation?: DirectoryErrorOperation): string {
  const text = directoryErrorText(t, error.kind, operation);
  return error.requestId ? `${text} ${t('messages:errors.requestId', { requestId: error.requestId })}` : text;
}

/** Why the policy refused an invitation request (`submitInvitation`'s refusal reasons). */
export function invitationRefusalText(t: Translate, reason: RefusalReason, params: Record<string, string | number> = {}): string {
  return t(`cards:common.refusal.${reason}`, params);
}

export function problemText(t: Translate, problem: ValidationProblem): string {
  return t(`cards:common.problem.${problem.field}.${problem.code}`, problem.params ?? {});
}

/** `null` is a real answer from Entra: the account was never invited (a member or a self-service sign-up). */
export function externalUserStateLabel(t: Translate, state: ExternalUserState | null): string {
  return t(`cards:common.externalUserState.${state ?? 'none'}`);
}

export function userTypeLabel(t: Translate, userType: DirectoryUser['userType']): string {
  return t(`cards:common.userType.${userType ?? 'unknown'}`);
}

/** Entra's creationType: `Invitation` for B2B guests, others for sign-ups; unknown values are shown as is. */
export function creationTypeLabel(t: Translate, creationType: string | null): string {
  if (creationType === null) return t('cards:common.creationType.none');
  return t(`cards:common.creationType.${creationType}`, { defaultValue: creationType });
}

export function emailDeliveryLabel(t: Translate, sendEmail: boolean): string {
  return sendEmail ? t('cards:common.email.sent') : t('cards:common.email.withheld');
}
