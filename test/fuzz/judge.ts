import type { Activity } from 'botbuilder';

import { activityProblems } from '../../src/teams/activity-shape';

/**
 * What counts as a good answer to a generated activity. Nothing is excused: a malformed activity must be refused
 * cleanly (400 at the HTTP edge, ignored or answered 400 by the bot), a well-shaped one answered clearly.
 */

/** Whether the activity has what the bot needs to act on it (the same rule the endpoint and the bot apply). */
export function isWellShaped(activity: Partial<Activity>): boolean {
  return activityProblems(activity).length === 0;
}

/** A reply a person can read: some text, or a card. */
export function isClearReply(reply: Partial<Activity>): boolean {
  return (typeof reply.text === 'string' && reply.text.trim().length > 0) || (reply.attachments ?? []).length > 0;
}

/** An invoke answer Teams can show: a card or message (200), a refusal (403), or the SDK's own 400 for a bad value. */
export function isClearInvokeAnswer(status: number | undefined, body: unknown): boolean {
  if (status === 200) {
    const value = (body as { value?: unknown } | undefined)?.value;
    return value !== undefined && value !== null && value !== '';
  }
  return status === 403 || (status === 400 && body !== undefined);
}

export function isMessage(activity: Partial<Activity>): boolean {
  return activity.type === 'message';
}

export function isCardAction(activity: Partial<Activity>): boolean {
  return activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
}
