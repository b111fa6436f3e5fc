import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { entryDays } from '../invitation/access-end';
import { DEFAULT_LIFECYCLE_POLICY } from '../invitation/lifecycle/lifecycle-policy';
import { DEFAULT_POLICY, InvitationPolicy, redirectUrlAllowed } from '../invitation/policy';
import { LONGEST_GUEST_WINDOW_MINUTES } from '../invitation/resend-limit';
import { ConfigurationError } from './load-config';

/**
 * The policy file (YAML or JSON): who may invite, which domains, who approves. Validated at start so a typo
 * stops the bot with the field's path instead of surfacing as a wrong decision later.
 */
const objectId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an Entra object id (GUID)');
const person = z.string().trim().refine(
  (value) => objectId.safeParse(value).success || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value),
  'must be an Entra object id or a user principal name',
);
const domainPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain such as example.com or *.example.com');
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const principals = z.strictObject({ users: z.array(person).default([]), groups: z.array(objectId).default([]) });

/** Ten years: longer access is no end date at all, and is said so by leaving the days out. */
const days = z.number().int().min(1).max(3650);
const accessDays = { defaultDays: days.optional(), maxDays: days.optional() };
const lifecycle = DEFAULT_LIFECYCLE_POLICY;

const policySchema = z.strictObject({
  inviters: z.union([z.literal('everyone'), z.strictObject({ groups: z.array(objectId).min(1) })]).default('everyone'),
  allowGuests: z.boolean().default(DEFAULT_POLICY.allowGuests),
  domains: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('any') }),
      z.strictObject({ mode: z.literal('allow'), domains: z.array(domainPattern).min(1) }),
      z.strictObject({ mode: z.literal('block'), domains: z.array(domainPattern).min(1) }),
    ])
    .default({ mode: 'any' }),
  approval: z
    .strictObject({
      rule: z.enum(['never', 'always', 'untrustedDomains']).default('never'),
      trustedDomains: z.array(domainPattern).default([]),
    })
    .default({ rule: 'never', trustedDomains: [] }),
  approvers: principals.default({ users: [], groups: [] }),
  delivery: z
    .strictObject({
      channel: z.strictObject({ teamId: z.string().min(1), channelId: z.string().min(1), serviceUrl: httpsUrl }).optional(),
      personal: z.boolean().default(true),
    })
    .default({ personal: true }),
  fallbackApprovers: principals.extend({ afterMinutes: z.number().int().min(1).max(7 * 24 * 60) }).optional(),
  admins: principals.default({ users: [], groups: [] }),
  redirectUrls: z
    .strictObject({ allowed: z.array(httpsUrl).default([]), default: httpsUrl.optional() })
    .default({ allowed: [] }),
  defaultMessageLanguage: z
    .string()
    .refine((tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    }, 'must be a language tag such as en-US')
    .optional(),
  requestExpiryHours: z.number().int().min(1).max(24 * 90).default(DEFAULT_POLICY.requestExpiryHours),
  dailyQuotaPerRequester: z.number().int().min(1).max(10_000).default(DEFAULT_POLICY.dailyQuotaPerRequester),
  resend: z
    .strictObject({
      perGuestMinutes: z.number().int().min(1).max(LONGEST_GUEST_WINDOW_MINUTES).default(DEFAULT_POLICY.resend.perGuestMinutes),
      perRequesterPerHour: z.number().int().min(1).max(1000).default(DEFAULT_POLICY.resend.perRequesterPerHour),
    })
    .default(DEFAULT_POLICY.resend),
  offeredGroups: z
    .array(z.strictObject({ id: objectId, displayName: z.string().min(1).max(256), kind: z.enum(['group', 'team']).default('group') }))
    .default([]),
  access: z
    .strictObject({ ...accessDays, domains: z.array(z.strictObject({ pattern: domainPattern, ...accessDays })).default([]) })
    .default(DEFAULT_POLICY.access),
  lifecycle: z
    .strictObject({
      enforcement: z.enum(['reportOnly', 'enforce']).default(lifecycle.enforcement),
      scope: z.enum(['invitedByGuestPass', 'allGuests']).default(lifecycle.scope),
      reviewBeforeDays: days.default(lifecycle.reviewBeforeDays),
      reviewEveryDays: days.optional(),
      answerWithinDays: days.default(lifecycle.answerWithinDays),
      deleteAfterDays: days.default(lifecycle.deleteAfterDays),
      maxRemovalsPerRun: z.number().int().min(0).max(10_000).default(lifecycle.maxRemovalsPerRun),
      remindAfterDays: days.default(lifecycle.remindAfterDays),
      removeUnredeemedAfterDays: days.optional(),
      inactiveDays: days.optional(),
    })
    .default(lifecycle),
});

export function parsePolicy(document: unknown, source = 'policy'): InvitationPolicy {
  const parsed = policySchema.safeParse(document ?? {});
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const policy = parsed.data as InvitationPolicy;
  if (policy.redirectUrls.default && policy.redirectUrls.allowed.length > 0) {
    if (!redirectUrlAllowed(policy.redirectUrls.allowed, policy.redirectUrls.default)) {
      throw new ConfigurationError([`${source}: redirectUrls.default: must be one of redirectUrls.allowed`]);
    }
  }
  const longDefaults = accessDefaultsBeyondMaximum(policy);
  if (longDefaults.length > 0) throw new ConfigurationError(longDefaults.map((problem) => `${source}: ${problem}`));
  return policy;
}

/**
 * A default longer than the maximum would grant what no request may ask for. A domain entry takes the fields it
 * leaves out from the top level, so each entry is checked with what it inherits.
 */
function accessDefaultsBeyondMaximum({ access }: InvitationPolicy): string[] {
  const entries = [
    { path: 'access', days: { defaultDays: access.defaultDays, maxDays: access.maxDays } },
    ...access.domains.map((entry, index) => ({ path: `access.domains.${index}`, days: entryDays(access, entry) })),
  ];
  return entries
    .filter(({ days }) => days.defaultDays !== undefined && days.maxDays !== undefined && days.defaultDays > days.maxDays)
    .map(({ path, days }) => `${path}.defaultDays: ${days.defaultDays} is longer than maxDays (${days.maxDays})`);
}

/** Why a file cannot be read, for a person: the error codes themselves mean nothing to most. */
const UNREADABLE: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Reads the policy file named by POLICY_FILE; no file means the permissive default policy. */
export function loadPolicy(filePath: string | undefined): InvitationPolicy {
  if (!filePath) return DEFAULT_POLICY;
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const why = UNREADABLE[(error as NodeJS.ErrnoException).code ?? ''] ?? 'it cannot be read';
    throw new ConfigurationError([`POLICY_FILE: cannot read ${filePath}: ${why}`]);
  }
  let document: unknown;
  try {
    document = extname(filePath).toLowerCase() === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ConfigurationError([`POLICY_FILE: ${filePath} is not valid ${extname(filePath) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`]);
  }
  return parsePolicy(document, filePath);
}
