import type { InvitedUserMessageInfo, SimulatedDirectory } from '../directory';
import { GraphApiError } from '../graph-error';

/** A POST /invitations body after type checks and defaults. */
export interface InvitationFields {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  invitedUserDisplayName: string | null;
  invitedUserType: 'Guest' | 'Member';
  sendInvitationMessage: boolean;
  invitedUserMessageInfo: InvitedUserMessageInfo;
  resetRedemption: boolean;
  invitedUserId: string | undefined;
  /** Undefined when the body names no sponsors (existing sponsors are then left alone). */
  sponsorIds: string[] | undefined;
}

const MAX_SPONSORS = 5;

const badRequest = (message: string): GraphApiError => new GraphApiError(400, 'BadRequest', message);

/** Checks the invitation body's shape: required fields, types, the one-cc and five-sponsor limits. */
export function parseInvitationFields(body: Record<string, unknown>, directory: SimulatedDirectory): InvitationFields {
  const invitedUser = body.invitedUser;
  const invitedUserId =
    typeof invitedUser === 'object' && invitedUser !== null ? (invitedUser as { id?: unknown }).id : undefined;
  return {
    invitedUserEmailAddress: requiredString(body, 'invitedUserEmailAddress').trim(),
    inviteRedirectUrl: redirectUrl(requiredString(body, 'inviteRedirectUrl')),
    invitedUserDisplayName: optional(body, 'invitedUserDisplayName', 'string') ?? null,
    invitedUserType: userType(body.invitedUserType),
    sendInvitationMessage: optional(body, 'sendInvitationMessage', 'boolean') ?? false,
    invitedUserMessageInfo: messageInfo(body.invitedUserMessageInfo),
    resetRedemption: optional(body, 'resetRedemption', 'boolean') ?? false,
    invitedUserId: typeof invitedUserId === 'string' ? invitedUserId : undefined,
    sponsorIds: sponsors(body.invitedUserSponsors, directory),
  };
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`The property '${name}' is required and must be a non-empty string.`);
  }
  return value;
}

function optional<T extends 'string' | 'boolean'>(
  body: Record<string, unknown>,
  name: string,
  type: T,
): (T extends 'string' ? string : boolean) | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw badRequest(`The property '${name}' must be a ${type}.`);
  return value as T extends 'string' ? string : boolean;
}

function redirectUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(`The inviteRedirectUrl '${value}' is not a valid absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badRequest(`The inviteRedirectUrl '${value}' is not a valid absolute URL.`);
  }
  return value;
}

function userType(value: unknown): 'Guest' | 'Member' {
  if (value === undefined || value === null) return 'Guest';
  if (value === 'Guest' || value === 'Member') return value;
  throw badRequest(`Invalid invitedUserType '${String(value)}'; expected 'Guest' or 'Member'.`);
}

function messageInfo(value: unknown): InvitedUserMessageInfo {
  const info = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const ccRecipients = info.ccRecipients ?? [];
  if (!Array.isArray(ccRecipients)) throw badRequest('invitedUserMessageInfo.ccRecipients must be a collection.');
  if (ccRecipients.length > 1) throw badRequest('Currently only one additional recipient is supported.');
  return {
    messageLanguage: optional(info, 'messageLanguage', 'string') ?? null,
    customizedMessageBody: optional(info, 'customizedMessageBody', 'string') ?? null,
    ccRecipients: ccRecipients.map((recipient: unknown) => {
      const emailAddress = (recipient as { emailAddress?: { name?: unknown; address?: unknown } })?.emailAddress ?? {};
      return {
        emailAddress: {
          name: typeof emailAddress.name === 'string' ? emailAddress.name : null,
          address: typeof emailAddress.address === 'string' ? emailAddress.address : null,
        },
      };
    }),
  };
}

/** Sponsors as `[{ id }]` or `[{ "@odata.id": ".../users/{id}" }]`; at most five, all existing users. */
function sponsors(value: unknown, directory: SimulatedDirectory): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('invitedUserSponsors must be a collection.');
  if (value.length > MAX_SPONSORS) throw badRequest(`An invitation can name at most ${MAX_SPONSORS} sponsors.`);
  return value.map((sponsor: unknown) => {
    const reference = sponsor as { id?: unknown; '@odata.id'?: unknown } | null;
    const odataId = typeof reference?.['@odata.id'] === 'string' ? reference['@odata.id'] : undefined;
    const id = typeof reference?.id === 'string' ? reference.id : odataId?.split('/').pop();
    if (id === undefined || !directory.findUser(id)) {
      throw badRequest(`Invalid sponsor '${id ?? JSON.stringify(sponsor)}': sponsors must be existing users.`);
    }
    return directory.findUser(id)!.id;
  });
}
