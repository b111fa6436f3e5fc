import { parseArgs } from 'node:util';
import { InvitationDraft } from '../invitation/invitation-draft';

/** What a chat message asks for. Parsing never throws: anything it cannot read becomes `unknown` or a usage error. */
export type ParsedCommand =
  /** `groups`: what followed each `--group`, names or ids, resolved against the policy by the handler. */
  | { name: 'invite'; draft: InvitationDraft; groups?: string[] }
  | { name: 'inviteForm' }
  /** `query`: an address, or the start of a display name. */
  | { name: 'status'; query: string }
  | { name: 'pending' }
  | { name: 'resend'; email: string }
  | { name: 'link'; email: string }
  | { name: 'reset'; email: string; newEmail?: string }
  | { name: 'help' }
  | { name: 'requests' }
  | { name: 'myRequests' }
  | { name: 'cancel'; requestId: string }
  | { name: 'audit'; count: number }
  | { name: 'myGuests' }
  | { name: 'orphans' }
  /** `days`: how long the restored guest keeps access; none: the policy's default for the guest's domain. */
  | { name: 'restore'; email: string; days?: number }
  | { name: 'usageError'; command: string; problem: UsageProblem; detail?: string }
  | { name: 'unknown'; text: string };

export type UsageProblem = 'unknownOption' | 'missingValue' | 'unbalancedQuotes' | 'missingArgument' | 'notANumber' | 'repeatedOption';

/**
 * Options with a value are read as lists, so one given twice is seen and refused instead of the last silently
 * winning (Graph takes a single copy recipient, one message, one page, one language); only `--group` repeats.
 */
const INVITE_OPTIONS = {
  'no-email': { type: 'boolean' },
  message: { type: 'string', short: 'm', multiple: true },
  cc: { type: 'string', multiple: true },
  redirect: { type: 'string', multiple: true },
  lang: { type: 'string', multiple: true },
  member: { type: 'boolean' },
  group: { type: 'string', multiple: true },
  until: { type: 'string', multiple: true },
} as const;

const SINGLE_OPTIONS = ['message', 'cc', 'redirect', 'lang', 'until'] as const;

const DEFAULT_AUDIT_COUNT = 10;

export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase().replace(/^\//, '');
  const remainder = trimmed.slice(first.length).trim();
  switch (word) {
    case '':
    case 'help':
    case '?':
    case 'yardım':
    case 'yardim':
      return { name: 'help' };
    case 'invite':
      return remainder ? parseInvite(remainder) : { name: 'inviteForm' };
    case 'status':
      return remainder ? { name: 'status', query: remainder } : { name: 'usageError', command: 'status', problem: 'missingArgument' };
    case 'pending':
      return { name: 'pending' };
    case 'resend':
    case 'link':
      return rest[0] ? { name: word, email: rest[0] } : { name: 'usageError', command: word, problem: 'missingArgument' };
    case 'reset':
      if (!rest[0]) return { name: 'usageError', command: 'reset', problem: 'missingArgument' };
      return rest[1] ? { name: 'reset', email: rest[0], newEmail: rest[1] } : { name: 'reset', email: rest[0] };
    case 'requests':
      return { name: 'requests' };
    case 'my': {
      const what = rest[0]?.toLowerCase();
      if (what === 'requests') return { name: 'myRequests' };
      return what === 'guests' ? { name: 'myGuests' } : { name: 'unknown', text: trimmed };
    }
    case 'orphans':
      return { name: 'orphans' };
    case 'restore': {
      if (!rest[0]) return { name: 'usageError', command: 'restore', problem: 'missingArgument' };
      if (!rest[1]) return { name: 'restore', email: rest[0] };
      const days = Number(rest[1]);
      return Number.isInteger(days) && days > 0
        ? { name: 'restore', email: rest[0], days }
        : { name: 'usageError', command: 'restore', problem: 'notANumber', detail: rest[1] };
    }
    case 'cancel':
      return rest[0] ? { name: 'cancel', requestId: rest[0].toUpperCase() } : { name: 'usageError', command: 'cancel', problem: 'missingArgument' };
    case 'audit': {
      if (!rest[0]) return { name: 'audit', count: DEFAULT_AUDIT_COUNT };
      const count = Number(rest[0]);
      return Number.isInteger(count) && count > 0
        ? { name: 'audit', count }
        : { name: 'usageError', command: 'audit', problem: 'notANumber', detail: rest[0] };
    }
    default:
      return { name: 'unknown', text: trimmed };
  }
}

function parseInvite(argumentText: string): ParsedCommand {
  if (((argumentText.match(/"/g) ?? []).length % 2) !== 0) {
    return { name: 'usageError', command: 'invite', problem: 'unbalancedQuotes' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: splitArguments(argumentText), options: INVITE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail = optionName((error as Error).message);
    return {
      name: 'usageError',
      command: 'invite',
      problem: code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 'missingValue' : 'unknownOption',
      detail,
    };
  }
  const [email, ...nameParts] = parsed.positionals;
  const { values } = parsed;
  const repeated = SINGLE_OPTIONS.find((option) => (values[option]?.length ?? 0) > 1);
  if (repeated) return { name: 'usageError', command: 'invite', problem: 'repeatedOption', detail: `--${repeated}` };
  const groups = values.group ?? [];
  return {
    name: 'invite',
    ...(groups.length > 0 ? { groups } : {}),
    draft: {
      email,
      displayName: nameParts.length > 0 ? nameParts.join(' ') : undefined,
      customMessage: values.message?.[0],
      ccRecipient: values.cc?.[0],
      redirectUrl: values.redirect?.[0],
      messageLanguage: values.lang?.[0],
      sendEmail: !values['no-email'],
      userType: values.member ? 'Member' : 'Guest',
      ...(values.until?.[0] !== undefined ? { accessEnd: { until: values.until[0] } } : {}),
    },
  };
}

/**
 * Splits on white space, keeping "double-quoted" runs together. Only double quotes group: an apostrophe is part
 * of addresses and names (o'brien@…, O'Neil), so shell-style single quoting would mangle them.
 */
export function splitArguments(text: string): string[] {
  return (text.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((token) => token.replace(/"/g, ''));
}

/** Node's parseArgs names the offending option in its message; only that name is shown back. */
function optionName(message: string): string | undefined {
  return /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
}
