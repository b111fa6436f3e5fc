import assert from 'node:assert/strict';
import { MESSAGE_LANGUAGES } from '../../src/cards/invite-form-card';
import { RESOURCES } from '../../src/i18n';
import { DirectoryErrorKind } from '../../src/invitation/directory-error';
import { ExternalUserState } from '../../src/invitation/directory-user';
import { InvitationField, ValidationProblem } from '../../src/invitation/invitation-draft';
import { ApprovalReason, RequestState } from '../../src/invitation/invitation-request';
import { RefusalReason } from '../../src/invitation/submit-invitation';
import { flattenKeys } from './validate-card';

/** The members of a union type, listed once; the `Record` makes the compiler reject a missing or unknown one. */
function codes<T extends string>(all: Record<T, 1>): T[] {
  return Object.keys(all) as T[];
}

const english = RESOURCES.en.cards as unknown;
const turkish = RESOURCES.tr.cards as unknown;

function valueAt(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

describe('cards locales', () => {
  const enKeys = flattenKeys(english).sort();
  const trKeys = flattenKeys(turkish).sort();

  it('have exactly the same keys in English and Turkish', () => {
    assert.deepEqual(
      trKeys.filter((key) => !enKeys.includes(key)),
      [],
      'keys only in tr',
    );
    assert.deepEqual(
      enKeys.filter((key) => !trKeys.includes(key)),
      [],
      'keys only in en',
    );
  });

  it('have no empty or non-string values', () => {
    for (const [language, tree, keys] of [['en', english, enKeys], ['tr', turkish, trKeys]] as const) {
      for (const key of keys) {
        const value = valueAt(tree, key);
        assert.ok(typeof value === 'string' && value.trim() !== '', `${language}: ${key} is empty or not a string`);
      }
    }
  });

  it('use the same {{placeholders}} for each key', () => {
    for (const key of enKeys) {
      const en = placeholders(String(valueAt(english, key)));
      const tr = placeholders(String(valueAt(turkish, key)));
      assert.deepEqual(tr, en, key);
    }
  });

  it('name every domain code', () => {
    const required = [
      ...codes<RequestState>(
        { pendingApproval: 1, approved: 1, inviting: 1, invited: 1, failed: 1, rejected: 1, expired: 1, cancelled: 1 },
      ).map((state) => `common.requestState.${state}`),
      ...codes<ApprovalReason>({ always: 1, untrustedDomain: 1, memberInvitation: 1 }).map((r) => `common.approvalReason.${r}`),
      ...codes<DirectoryErrorKind>({
        insufficientPrivileges: 1,
        blockedByTenantPolicy: 1,
        rejected: 1,
        throttled: 1,
        unavailable: 1,
        authenticationFailed: 1,
        inviterNotAllowed: 1,
        signInRequired: 1,
        notFound: 1,
        alreadyExists: 1,
        unknown: 1,
      }).map((kind) => `common.directoryError.${kind}`),
      ...codes<RefusalReason>({
        notAnInviter: 1,
        memberRequiresAdmin: 1,
        domainNotAllowed: 1,
        redirectUrlNotAllowed: 1,
        dailyQuotaReached: 1,
        groupNotOffered: 1,
      }).map((reason) => `common.refusal.${reason}`),
      ...codes<InvitationField>({ email: 1, displayName: 1, customMessage: 1, ccRecipient: 1, redirectUrl: 1, messageLanguage: 1 }).flatMap(
        (field) =>
          codes<ValidationProblem['code']>({ missing: 1, invalid: 1, tooLong: 1, notHttps: 1, sameAsInvitee: 1 }).map(
            (code) => `common.problem.${field}.${code}`,
          ),
      ),
      ...codes<ExternalUserState | 'none'>({ PendingAcceptance: 1, Accepted: 1, none: 1 }).map((s) => `common.externalUserState.${s}`),
      ...MESSAGE_LANGUAGES.map((tag) => `form.language.tags.${tag}`),
    ];
    assert.deepEqual(
      required.filter((key) => !enKeys.includes(key)),
      [],
    );
  });

  it('write Turkish with its own letters', () => {
    const text = trKeys.map((key) => String(valueAt(turkish, key))).join(' ');
    for (const letter of ['ç', 'ğ', 'ı', 'İ', 'ö', 'ş', 'ü']) assert.ok(text.includes(letter), letter);
  });
});
