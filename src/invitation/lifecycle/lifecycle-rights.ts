import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';

/** Whether `person` is among these object ids (ids compared without case). */
export function isAmong(ids: string[], person: Requester): boolean {
  const id = normalizeObjectId(person.id);
  return ids.some((candidate) => normalizeObjectId(candidate) === id);
}
