import { z } from 'zod';

/**
 * The least an activity must be for GuestPass to act on it. Activities are untrusted input: the HTTP edge
 * refuses anything else with 400 before the Bot Framework SDK sees it (the SDK reads several of these fields
 * unchecked, and with no serviceUrl it would call the public Bot Connector), and the bot checks again for
 * activities that reach it another way. Unknown fields pass through; types are checked, not Teams' semantics.
 * Collections and channelData may be absent but not null: the SDK iterates them without a null check.
 */
const text = (max: number) => z.string().max(max);
const account = z.looseObject({
  id: text(1024).min(1),
  name: text(1024).nullish(),
  aadObjectId: text(128).nullish(),
});
const mention = z.looseObject({ type: z.literal('mention'), mentioned: z.looseObject({ id: text(1024) }), text: text(2048).nullish() });
const otherEntity = z.looseObject({ type: text(256) });

export const activityShape = z.looseObject({
  type: text(64).min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  channelId: text(64).min(1),
  id: text(1024).nullish(),
  conversation: z.looseObject({
    id: text(1024).min(1),
    tenantId: text(128).nullish(),
    conversationType: text(64).nullish(),
    isGroup: z.boolean().nullish(),
  }),
  from: account,
  recipient: account,
  text: text(100_000).nullish(),
  locale: text(64).nullish(),
  name: text(256).nullish(),
  replyToId: text(1024).nullish(),
  entities: z.array(z.union([mention, otherEntity.refine((entity) => entity.type !== 'mention')])).max(100).optional(),
  attachments: z.array(z.looseObject({ contentType: text(256) })).max(50).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: text(128) }).nullish() }).optional(),
}).superRefine((activity, issues) => {
  // The SDK reads an invoke's value without checking it; a card action needs its action object.
  if (activity.type !== 'invoke') return;
  const value = activity.value as { action?: unknown } | undefined;
  const isObject = (candidate: unknown) => typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate);
  if (value !== undefined && !isObject(value)) issues.addIssue({ code: 'custom', path: ['value'], message: 'must be an object' });
  else if (activity.name === 'adaptiveCard/action' && !isObject(value?.action)) {
    issues.addIssue({ code: 'custom', path: ['value', 'action'], message: 'must be an object' });
  }
});

/** The paths of what is wrong (never the values, which may be anything an attacker sent). */
export function activityProblems(activity: unknown): string[] {
  const result = activityShape.safeParse(activity);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.') || '(activity)');
}

/** Activities the HTTP edge checked and handed to the adapter, whose turn has not checked them again yet. */
const admittedAtEdge = new WeakSet<object>();

/** The HTTP edge's check: `activityProblems`, and a well-shaped activity is marked as admitted for its turn. */
export function admitAtEdge(activity: unknown): string[] {
  const problems = activityProblems(activity);
  if (problems.length === 0) admittedAtEdge.add(activity as object);
  return problems;
}

/**
 * The bot's check at the start of a turn, for activities that arrive other ways than the HTTP edge. The adapter
 * hands the turn the very object the edge admitted, so that check counts once (the mark is used up): checking
 * every activity twice was a measurable share of a turn.
 */
export function turnActivityProblems(activity: unknown): string[] {
  if (typeof activity === 'object' && activity !== null && admittedAtEdge.delete(activity)) return [];
  return activityProblems(activity);
}
