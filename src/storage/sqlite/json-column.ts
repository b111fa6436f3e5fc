/** Serializes a value for a TEXT column; refuses what JSON cannot hold instead of storing a broken row. */
export function toJsonColumn(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} cannot be stored: it is not JSON data`);
  return json;
}
