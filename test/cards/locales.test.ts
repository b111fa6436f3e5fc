import assert from 'node:assert/strict';
import { MESSAGE_LANGUAGES } from '../../src/cards/invite-form-card';
import { ExternalUserState } from '../../src/invitation/directory-user';
import { AccessEndProblemCode, InvitationField, TextFieldProblemCode } from '../../src/invitation/invitation-draft';
import { ApprovalReason, RequestState } from '../../src/invitation/invitation-request';
import { RefusalReason } from '../../src/invitation/submit-invitation';
import { describeLocaleParity, localeKeys } from '../i18n/locale-parity';
import { DIRECTORY_ERROR_KINDS } from '../support/directory-error-kinds';

/** The members of a union type, listed once; the `Record` makes the compiler reject a missing or unknown one. */
function codes<T extends string>(all: Record<T, 1>): T[] {
  return Object.keys(all) as T[];
}

describeLocaleParity('cards');

describe('card texts', () => {
  const enKeys = localeKeys('cards').en;

  it('name every domain code', () => {
    const required = [
      ...codes<RequestState>(
        { pendingApproval: 1, approved: 1, inviting: 1, invited: 1, failed: 1, rejected: 1, expired: 1, cancelled: 1 },
      ).map((state) => `common.requestState.${state}`),
      ...codes<ApprovalReason>({ always: 1, untrustedDomain: 1, memberInvitation: 1 }).map((r) => `common.approvalReason.${r}`),
      ...DIRECTORY_ERROR_KINDS.map((kind) => `common.directoryError.${kind}`),
      ...codes<RefusalReason>({
        notAnInviter: 1,
        memberRequiresAdmin: 1,
        domainNotAllowed: 1,
        redirectUrlNotAllowed: 1,
        dailyQuotaReached: 1,
        groupNotOffered: 1,
      }).map((reason) => `common.refusal.${reason}`),
      ...codes<Exclude<InvitationField, 'accessEnd'>>({ email: 1, displayName: 1, customMessage: 1, ccRecipient: 1, redirectUrl: 1, messageLanguage: 1 }).flatMap(
        (field) =>
          codes<TextFieldProblemCode>({ missing: 1, invalid: 1, tooLong: 1, notHttps: 1, sameAsInvitee: 1, unsupported: 1 }).map(
            (code) => `common.problem.${field}.${code}`,
          ),
      ),
      ...codes<AccessEndProblemCode>({ invalid: 1, invalidDays: 1, inPast: 1, beyondMax: 1 }).map((code) => `common.problem.accessEnd.${code}`),
      ...codes<ExternalUserState | 'none'>({ PendingAcceptance: 1, Accepted: 1, none: 1 }).map((s) => `common.externalUserState.${s}`),
      ...MESSAGE_LANGUAGES.map((tag) => `form.language.tags.${tag}`),
    ];
    assert.deepEqual(
      required.filter((key) => !enKeys.includes(key)),
      [],
    );
  });
});
