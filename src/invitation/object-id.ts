/**
 * Entra object ids are GUIDs, and a GUID's letters carry no meaning: Teams may send one in capitals where Graph
 * answers in lower case. Every comparison of people's, groups' or requesters' ids goes through here, so that
 * "is this the same person" never depends on how a client spelled the id.
 */
export function normalizeObjectId(id: string): string {
  return id.trim().toLowerCase();
}

export function sameObjectId(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = normalizeObjectId(a);
  return left !== '' && left === normalizeObjectId(b);
}
