/**
 * Keys under which conversation references are stored: the conversation a request came from (to answer there
 * later), and each person's personal chat with the bot (to reach approvers one to one).
 */
export function conversationKey(conversationId: string): string {
  return `conversation:${conversationId}`;
}

export function personalChatKey(aadObjectId: string): string {
  return `personal:${aadObjectId.toLowerCase()}`;
}
