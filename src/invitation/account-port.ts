/** A person's account as the directory knows it: enough to tell a member of the tenant from a guest. */
export interface DirectoryAccount {
  id: string;
  /** Entra leaves this empty on some old member accounts. */
  userType: 'Member' | 'Guest' | null;
}

/** Answers access control's question about the acting person, with the app's own authority. */
export interface AccountPort {
  /** The account with this object id; undefined when the directory has none (deleted, another tenant's, made up). */
  accountOf(userId: string): Promise<DirectoryAccount | undefined>;
}
