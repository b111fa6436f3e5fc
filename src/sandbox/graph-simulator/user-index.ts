import type { SimulatedUser } from './directory';
import type { FilterTerm } from './odata-filter';

type Bucket = ReadonlySet<SimulatedUser>;
type Buckets = Map<string, Set<SimulatedUser>>;
export type AddressProperty = 'userPrincipalName' | 'mail' | 'otherMails' | 'proxyAddresses';

/**
 * The directory's users by id and by address, so lookups and address filters need not test every user. Keys are
 * what the linear lookups compare: the id exactly; UPN, mail, otherMails and proxyAddresses (whole, `SMTP:` prefix
 * included) lower-cased, the way both the directory and `$filter` ignore case. Buckets are sets: an address can
 * be on several users. A bucket says nothing about order, so results are sorted by the user's place in `users`.
 * The directory keeps it current: `add` for each new user, `reindex` around every change to an indexed field.
 */
export class UserIndex {
  private readonly positions = new Map<SimulatedUser, number>();
  private readonly byId: Buckets = new Map();
  private readonly byAddress: Record<AddressProperty, Buckets> = {
    userPrincipalName: new Map(),
    mail: new Map(),
    otherMails: new Map(),
    proxyAddresses: new Map(),
  };
  /** Every lower-cased UPN prefix that ends at an '@', for `startswith(userPrincipalName,'jane_x.com#EXT#@')`. */
  private readonly byUpnPrefix: Buckets = new Map();

  /** Indexes a new user as the last one in the list. */
  add(user: SimulatedUser): void {
    this.positions.set(user, this.positions.size);
    for (const [buckets, key] of this.keysOf(user)) put(buckets, key, user);
  }

  /** Runs `change` on an indexed user, moving the user from the buckets of its old values to those of its new. */
  reindex(user: SimulatedUser, change: () => void): void {
    for (const [buckets, key] of this.keysOf(user)) take(buckets, key, user);
    change();
    for (const [buckets, key] of this.keysOf(user)) put(buckets, key, user);
  }

  withId(id: string): Bucket | undefined {
    return this.byId.get(id);
  }

  /** The users with this value in the property, ignoring case (for the arrays: as one of their elements). */
  withAddress(property: AddressProperty, value: string): Bucket | undefined {
    return this.byAddress[property].get(value.toLowerCase());
  }

  /** The users of the buckets, each once, in list order. */
  inOrder(buckets: readonly (Bucket | undefined)[]): SimulatedUser[] {
    const users = new Set<SimulatedUser>();
    for (const bucket of buckets) bucket?.forEach((user) => users.add(user));
    return [...users].sort((a, b) => this.positions.get(a)! - this.positions.get(b)!);
  }

  /**
   * The users that pass at least one term, in list order: a superset of what a filter with these candidate terms
   * matches. Undefined when a term is on something not indexed here, so only a scan can answer.
   */
  passingAny(terms: readonly FilterTerm[]): SimulatedUser[] | undefined {
    const buckets: (Bucket | undefined)[] = [];
    for (const { property, operator, value } of terms) {
      const key = value.toLowerCase();
      const map = this.mapFor(property, operator, key);
      if (map === undefined) return undefined;
      buckets.push(map.get(key));
    }
    return this.inOrder(buckets);
  }

  private mapFor(property: string, operator: FilterTerm['operator'], key: string): Buckets | undefined {
    if (operator === 'startswith') {
      // Only prefixes ending at an '@' are keys; any other prefix could end anywhere in a UPN.
      return property === 'userPrincipalName' && key.endsWith('@') ? this.byUpnPrefix : undefined;
    }
    return Object.hasOwn(this.byAddress, property) ? this.byAddress[property as AddressProperty] : undefined;
  }

  /** Every bucket the user belongs in, with its key there. */
  private keysOf(user: SimulatedUser): [Buckets, string][] {
    const keys: [Buckets, string][] = [[this.byId, user.id]];
    const upn = lowered(user.userPrincipalName);
    if (upn !== undefined) {
      keys.push([this.byAddress.userPrincipalName, upn]);
      for (let at = upn.indexOf('@'); at >= 0; at = upn.indexOf('@', at + 1)) {
        keys.push([this.byUpnPrefix, upn.slice(0, at + 1)]);
      }
    }
    const mail = lowered(user.mail);
    if (mail !== undefined) keys.push([this.byAddress.mail, mail]);
    for (const address of loweredItems(user.otherMails)) keys.push([this.byAddress.otherMails, address]);
    for (const address of loweredItems(user.proxyAddresses)) keys.push([this.byAddress.proxyAddresses, address]);
    return keys;
  }
}

function put(buckets: Buckets, key: string, user: SimulatedUser): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.add(user);
  else buckets.set(key, new Set([user]));
}

function take(buckets: Buckets, key: string, user: SimulatedUser): void {
  const bucket = buckets.get(key);
  bucket?.delete(user);
  if (bucket?.size === 0) buckets.delete(key);
}

/** Only strings are keys: the lookups and `$filter` never match a non-string value to an address. */
function lowered(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

function loweredItems(values: unknown): string[] {
  return Array.isArray(values) ? values.flatMap((value) => lowered(value) ?? []) : [];
}
