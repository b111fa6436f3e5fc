import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { VERBS } from '../../src/cards/verbs';
import { adaptiveCardActionInvoke, channelMessage, groupChatMessage, messageWithValue, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';

/**
 * Generators of what people and Teams send a bot: typed commands (well-formed, half-formed and garbage), card
 * submissions (forged verbs and data of any shape), and activities with fields removed or of the wrong type.
 * Strings lean on what has broken bots before: quotes, apostrophes in OData literals, mentions, control and
 * bidi characters, template syntax, very long input.
 */

const TRICKY = [
  '', ' ', "'", "''", '"', '""', '\\', '--', '-', '—', '\u0000', '\u202e', '\u200b', '\r\n', '\t', '😀', 'ﬀ', 'İ',
  "x' or userType eq 'Member", '#EXT#', '<at>GuestPass</at>', '<script>alert(1)</script>', '[x](javascript:alert(1))',
  '{{t}}', '${process}', '%00', '%2e%2e/', '__proto__', 'constructor', 'NaN', '-1', '1e309', 'a'.repeat(300),
];
const COMMAND_WORDS = ['help', '?', 'yardım', 'invite', 'INVITE', '/invite', 'status', 'pending', 'resend', 'link', 'reset', 'requests', 'my', 'cancel', 'audit', 'bulk'];
const OPTIONS = ['--no-email', '--member', '--message', '-m', '--cc', '--redirect', '--lang', '--group', '--', '--bogus', '-x'];

export const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
);

export const email = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('jane@fabrikam.com', "o'neil@tailspin.com", 'x@blocked.example', 'someone@contoso.com', 'a+b@tailspin.com', 'uma@tailspin.com', "x'or'1'eq'1@tailspin.com", 'new@untrusted.org'),
  fc.tuple(word, word).map(([local, domain]) => `${local}@${domain}`),
);

const url = fc.oneof(fc.webUrl(), fc.constantFrom('https://myapps.microsoft.com', 'http://example.com', 'javascript:alert(1)', 'https://user:pw@x.com', 'not a url'));
const quoted = word.map((text) => `"${text}"`);
const value = fc.oneof(word, email, url, quoted, fc.constantFrom('tr-TR', 'en', 'zz-invalid-tag-value', '10', '0', '-5', '99999999999'));
const option = fc.oneof(fc.constantFrom(...OPTIONS), fc.tuple(fc.constantFrom(...OPTIONS), value).map(([name, text]) => `${name} ${text}`));

/** What someone types after the mention. */
export const commandText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('invite', 'INVITE', '/invite'), email, fc.array(fc.oneof(option, word), { maxLength: 5 })).map(([c, e, rest]) => [c, e, ...rest].join(' ')) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...COMMAND_WORDS), fc.array(value, { maxLength: 3 })).map(([c, rest]) => [c, ...rest].join(' ')) },
  { weight: 2, arbitrary: fc.array(fc.oneof(word, option, value), { maxLength: 8 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
);

/** Anything JSON can carry, to stand in for a card's data, a value or a field of the wrong type. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  word,
  fc.array(fc.oneof(word, fc.integer()), { maxLength: 3 }),
  fc.dictionary(word, word, { maxKeys: 3 }),
);

const FORM_KEYS = ['email', 'displayName', 'message', 'cc', 'redirectUrl', 'language', 'sendEmail', 'member', 'groups', 'requestId', 'reason', 'userId', 'rejectReason'];

export interface CardSubmission {
  verb: unknown;
  data: unknown;
}

/** An Action.Execute press: a known verb or not, with data of a plausible or of any shape. */
export function cardSubmission(requestIds: string[]): fc.Arbitrary<CardSubmission> {
  const plausible = fc.record(
    {
      email,
      displayName: word,
      message: word,
      cc: email,
      redirectUrl: url,
      language: value,
      sendEmail: fc.constantFrom('true', 'false', true, 1),
      member: fc.constantFrom('true', 'false', true, 'yes'),
      requestId: requestIds.length > 0 ? fc.oneof(fc.constantFrom(...requestIds), word) : word,
      reason: word,
      userId: fc.oneof(fc.uuid(), word),
    },
    { requiredKeys: [] },
  );
  return fc.record({
    verb: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VERBS) }, { weight: 1, arbitrary: junk }),
    data: fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FORM_KEYS), junk, { maxKeys: 4 }) }, { weight: 1, arbitrary: junk }),
  });
}

/** Someone of the tenant (the requester, an approver), a stranger with no roles, or someone from elsewhere. */
const STRANGER: TeamsUser = { id: '29:1stranger', name: 'Sam Stranger', aadObjectId: '5a5a5a5a-0000-4000-8000-00000000005a' };
export const sender = fc.constantFrom<TeamsUser>(TEAMS_TEST_USERS.megan, TEAMS_TEST_USERS.adele, STRANGER);
const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';

export interface Generated {
  activity: Partial<Activity>;
  /** The mutations applied, as `field:kind`, so a failure names what was malformed. */
  mutations: string[];
}

/** Every field Teams sets that the bot might read, as paths. serviceUrl is left alone: it decides where replies go. */
const FIELDS = [
  'type', 'id', 'text', 'textFormat', 'locale', 'timestamp', 'channelId', 'replyToId', 'name', 'value', 'entities', 'attachments',
  'from', 'from.id', 'from.name', 'from.aadObjectId', 'recipient', 'recipient.id', 'conversation', 'conversation.id',
  'conversation.conversationType', 'conversation.tenantId', 'channelData', 'channelData.tenant', 'channelData.tenant.id',
];
const DELETE = Symbol('delete');
const replacement = fc.oneof(fc.constant<typeof DELETE>(DELETE), junk, fc.constant('x'.repeat(30_000)));

const place = fc.record({ from: sender, n: fc.nat({ max: 40 }), foreign: fc.nat(9).map((roll) => roll === 0) });

function origin(serviceUrl: string, { from, n, foreign }: { from: TeamsUser; n: number; foreign: boolean }) {
  return { serviceUrl, from, conversationId: `a:fuzz-${n}`, ...(foreign ? { tenantId: OTHER_TENANT } : {}) };
}

/** A typed command, in a 1:1 chat, a channel or a group chat (with the mention Teams adds), one in ten from elsewhere. */
export function commandActivity(serviceUrl: string): fc.Arbitrary<Generated> {
  return fc.tuple(fc.nat(2), commandText, place).map(([kind, text, where]) => {
    const base = origin(serviceUrl, where);
    const activity =
      kind === 0 ? personalMessage(text, base)
      : kind === 1 ? channelMessage(text, { ...base, conversationId: undefined })
      : groupChatMessage(text, { ...base, conversationId: `19:fuzz-${where.n}@thread.v2` });
    return { activity, mutations: where.foreign ? ['tenant:foreign'] : [] };
  });
}

/** A card button press: Action.Execute (an invoke) or, from older cards, Action.Submit (a message with a value). */
export function cardActivity(serviceUrl: string, requestIds: string[]): fc.Arbitrary<Generated> {
  return fc.tuple(fc.nat(3), cardSubmission(requestIds), place).map(([kind, card, where]) => {
    const base = origin(serviceUrl, where);
    const activity =
      kind > 0
        ? adaptiveCardActionInvoke({ ...base, verb: card.verb as string, data: card.data as Record<string, unknown> })
        : messageWithValue((typeof card.data === 'object' && card.data !== null ? card.data : { value: card.data }) as Record<string, unknown>, base);
    return { activity, mutations: where.foreign ? ['tenant:foreign'] : [] };
  });
}

export function wellFormed(serviceUrl: string, requestIds: string[]): fc.Arbitrary<Generated> {
  return fc.oneof(commandActivity(serviceUrl), cardActivity(serviceUrl, requestIds));
}

/** A well-formed activity with one to three fields removed or replaced by something of the wrong type. */
export function malformed(serviceUrl: string, requestIds: string[]): fc.Arbitrary<Generated> {
  const mutation = fc.tuple(fc.constantFrom(...FIELDS), replacement);
  return fc.tuple(wellFormed(serviceUrl, requestIds), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([generated, mutations]) => {
    const activity = structuredClone(generated.activity) as Record<string, unknown>;
    const applied: string[] = [...generated.mutations];
    for (const [path, next] of mutations) {
      const keys = path.split('.');
      const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), activity);
      if (typeof parent !== 'object' || parent === null) continue;
      const last = keys[keys.length - 1]!;
      if (next === DELETE) delete (parent as Record<string, unknown>)[last];
      else (parent as Record<string, unknown>)[last] = next;
      applied.push(`${path}:${next === DELETE ? 'deleted' : Array.isArray(next) ? 'array' : next === null ? 'null' : typeof next}`);
    }
    return { activity: activity as Partial<Activity>, mutations: applied };
  });
}

export { OTHER_TENANT };
