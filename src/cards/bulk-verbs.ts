/**
 * The Action.Execute verbs of the bulk invitation cards, beside the bot's other verbs (verbs.ts) and, like them,
 * append-only: a preview card already in a chat keeps its buttons.
 */
export const BULK_CONFIRM = 'bulk.confirm';
export const BULK_CANCEL = 'bulk.cancel';

export const BULK_VERBS = [BULK_CONFIRM, BULK_CANCEL] as const;

/** `data` of both verbs: the previewed upload, by its id (the file itself never travels in a card). */
export interface BulkActionData {
  uploadId: string;
}
