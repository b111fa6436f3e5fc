import { GuestAccount, GuestAccountPort, LastSignIns } from './guest-account-port';

/**
 * The account port, remembering whether the last attempt to read last sign-ins was allowed: a card sent during
 * a run (or shown after one) says "not available" rather than "not known" when the tenant does not let GuestPass
 * read them. True until Graph says otherwise.
 */
export class SignInsSeen implements GuestAccountPort {
  private readable = true;

  constructor(private readonly inner: GuestAccountPort) {}

  signInsReadable(): boolean {
    return this.readable;
  }

  async lastSignIns(ids: string[]): Promise<LastSignIns> {
    const signIns = await this.inner.lastSignIns(ids);
    this.readable = signIns.available;
    return signIns;
  }

  getAccounts(ids: string[]): Promise<{ found: GuestAccount[]; missingIds: string[] }> {
    return this.inner.getAccounts(ids);
  }

  listGuests(limit: number): Promise<{ guests: GuestAccount[]; complete: boolean }> {
    return this.inner.listGuests(limit);
  }

  sponsorIdsOf(userId: string): Promise<string[]> {
    return this.inner.sponsorIdsOf(userId);
  }

  sponsorIdsOfMany(userIds: string[]): Promise<Map<string, string[]>> {
    return this.inner.sponsorIdsOfMany(userIds);
  }

  addSponsor(userId: string, sponsorId: string): Promise<void> {
    return this.inner.addSponsor(userId, sponsorId);
  }

  setAccountEnabled(userId: string, enabled: boolean): Promise<void> {
    return this.inner.setAccountEnabled(userId, enabled);
  }

  deleteAccount(userId: string): Promise<void> {
    return this.inner.deleteAccount(userId);
  }
}
