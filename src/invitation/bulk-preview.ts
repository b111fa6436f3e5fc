import { BulkDoneRecord, BulkLedger } from './bulk-ports';
import { DirectoryError } from './directory-error';
import { InvitationContext } from './invitation-context';
import { ValidInvitation } from './invitation-draft';
import { domainAllowed, domainMatches, InvitationPolicy } from './policy';
import { Requester } from './requester';

/** What the policy will do with a domain's rows: invite them, ask approvers, refuse them, or skip them as ours. */
export type DomainVerdict = 'invite' | 'needsApproval' | 'notAllowed' | 'internal';

export interface BulkPreview {
  mayInvite: boolean;
  requesterIsAdmin: boolean;
  /** Set for non-admins: each row is a request that counts against this daily quota. */
  dailyQuota?: number;
  /** Largest first; rows an earlier run settled are not counted here. */
  domains: { domain: string; rows: number; verdict: DomainVerdict }[];
  /** Rows that withhold Entra's email: their redeem links will only be in the result file. */
  withheldEmails: number;
  /** The rows a run would send: not settled earlier, in a domain the policy invites or lets approvers decide. */
  toInvite: number;
  /** Rows an earlier run of the same file settled (invited, asked approvers, found existing): a run skips them. */
  settled: { email: string; earlier: BulkDoneRecord }[];
}

/** The same file run before: what the ledger remembers of it. */
export interface EarlierRuns {
  fileId: string;
  ledger: Pick<BulkLedger, 'find'>;
}

/**
 * What a bulk file would do, before anything is sent: which rows an earlier run of the same file already settled
 * (a run skips them), and for the others, per domain, whether the policy invites, asks approvers or refuses, and
 * which domains are the tenant's own. Costs at most one directory call (verified domains, cached) and one ledger
 * read per row.
 */
export async function previewBulkInvitation(
  ctx: InvitationContext,
  invitations: ValidInvitation[],
  requester: Requester,
  earlierRuns?: EarlierRuns,
): Promise<BulkPreview> {
  const requesterIsAdmin = await ctx.access.isAdmin(requester);
  const settled: BulkPreview['settled'] = [];
  const open: ValidInvitation[] = [];
  for (const invitation of invitations) {
    // The ledger's key, as the run uses it: addresses are case-insensitive in Entra.
    const earlier = earlierRuns ? await earlierRuns.ledger.find(earlierRuns.fileId, invitation.email.toLowerCase()) : undefined;
    if (earlier) settled.push({ email: invitation.email, earlier });
    else open.push(invitation);
  }
  const counts = new Map<string, number>();
  for (const invitation of open) counts.set(invitation.domain, (counts.get(invitation.domain) ?? 0) + 1);

  const domains: BulkPreview['domains'] = [];
  for (const [domain, rows] of counts) domains.push({ domain, rows, verdict: await verdictFor(ctx, domain) });
  domains.sort((a, b) => b.rows - a.rows || a.domain.localeCompare(b.domain));
  const sent = new Set(domains.filter(({ verdict }) => verdict === 'invite' || verdict === 'needsApproval').map(({ domain }) => domain));

  return {
    mayInvite: await ctx.access.mayInvite(requester),
    requesterIsAdmin,
    dailyQuota: requesterIsAdmin ? undefined : ctx.policy.dailyQuotaPerRequester,
    domains,
    withheldEmails: open.filter((invitation) => !invitation.sendEmail && sent.has(invitation.domain)).length,
    toInvite: open.filter((invitation) => sent.has(invitation.domain)).length,
    settled,
  };
}

async function verdictFor(ctx: InvitationContext, domain: string): Promise<DomainVerdict> {
  if (!domainAllowed(ctx.policy.domains, domain)) return 'notAllowed';
  try {
    if (await ctx.verifiedDomains.includes(domain)) return 'internal';
  } catch (error) {
    // A preview is advice: if the directory cannot say, the run itself will check each address.
    if (!(error instanceof DirectoryError)) throw error;
  }
  return guestNeedsApproval(ctx.policy, domain) ? 'needsApproval' : 'invite';
}

/**
 * The policy's approval rule for a Guest invitation (bulk files invite guests only), as `submitInvitation`
 * applies it: `always`, or `untrustedDomains` for a domain not on the trusted list.
 */
function guestNeedsApproval(policy: InvitationPolicy, domain: string): boolean {
  const { rule, trustedDomains } = policy.approval;
  if (rule === 'always') return true;
  return rule === 'untrustedDomains' && !trustedDomains.some((pattern) => domainMatches(pattern, domain));
}
