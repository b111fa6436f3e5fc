/**
 * Opens the app's one-to-one chat with a person who never started one, by installing the app for them (Teams
 * creates the chat with the installation). Used to reach approvers who never wrote to the bot.
 */
export interface PersonalChatPort {
  /**
   * The chat's id, which is also its Bot Framework conversation id. Throws a `DirectoryError`:
   * `insufficientPrivileges` when the app may not install itself for people.
   */
  openPersonalChat(userId: string): Promise<string>;
}
