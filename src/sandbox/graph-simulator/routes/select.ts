import { GraphApiError } from '../graph-error';

/** Splits a `$select` value (`id,mail, userType`) into property names; null when absent or empty. */
export function parseSelect(select: string | null): string[] | null {
  if (select === null) return null;
  const names = select
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names.length > 0 ? names : null;
}

/**
 * Keeps the `$select`ed properties of an object (plus `id`, which Graph always returns).
 * Names match case-insensitively; a name the object does not have is Graph's 400.
 */
export function projectSelect(
  entity: Readonly<Record<string, unknown>>,
  select: string | null,
  entityType = 'microsoft.graph.organization',
): Record<string, unknown> {
  const names = parseSelect(select);
  if (names === null) return { ...entity };
  const projected: Record<string, unknown> = {};
  if ('id' in entity) projected.id = entity.id;
  for (const name of names) {
    const key = Object.keys(entity).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (key === undefined) {
      throw new GraphApiError(400, 'BadRequest', `Could not find a property named '${name}' on type '${entityType}'.`);
    }
    projected[key] = entity[key];
  }
  return projected;
}
