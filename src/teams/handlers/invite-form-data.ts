import { z } from 'zod';
import { InvitationDraft } from '../../invitation/invitation-draft';

/**
 * What the invite form posts back. Card submissions are untrusted input like any other: fields are bounded,
 * toggles arrive as the strings "true"/"false", and anything unexpected is ignored rather than trusted.
 */
const MAX_FIELD_LENGTH = 10_000;
const text = z.string().max(MAX_FIELD_LENGTH).optional().catch(undefined);
const toggle = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((value) => value === true || value === 'true')
  .catch(false);

const formSchema = z.object({
  email: text,
  displayName: text,
  message: text,
  cc: text,
  redirectUrl: text,
  language: text,
  sendEmail: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((value) => value === undefined || value === true || value === 'true')
    .catch(true),
  member: toggle,
  groups: text,
  accessEnd: text,
});

export type InviteFormValues = z.infer<typeof formSchema>;

export function readInviteForm(data: Record<string, unknown>): { values: InviteFormValues; draft: InvitationDraft; groupIds: string[] } {
  const values = formSchema.parse(data);
  const draft: InvitationDraft = {
    email: values.email,
    displayName: values.displayName,
    customMessage: values.message,
    ccRecipient: values.cc,
    redirectUrl: values.redirectUrl,
    messageLanguage: values.language || undefined,
    sendEmail: values.sendEmail,
    userType: values.member ? 'Member' : 'Guest',
    ...(values.accessEnd ? { accessEnd: { until: values.accessEnd } } : {}),
  };
  // A multi-select ChoiceSet answers "id1,id2".
  const groupIds = (values.groups ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return { values, draft, groupIds };
}
