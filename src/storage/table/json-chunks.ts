/**
 * JSON documents as entity properties. A string property holds at most 64 KiB of UTF-16 (32,768 characters), so a
 * document is split across `Doc0`, `Doc1`, … with `DocParts` saying how many there are; a copy missing a part is
 * reported as damaged instead of being parsed into something else.
 */

/** Characters per property: under the 32,768 a 64 KiB property holds, with room to spare. */
const PART_LENGTH = 30_000;

/** The properties a document occupies on an entity. */
export type DocumentProperties = Record<string, string | number>;

export class DocumentTooLargeError extends RangeError {
  constructor(what: string, length: number, maxLength: number) {
    super(`${what} is ${length} characters of JSON; the table store holds at most ${maxLength} per document`);
    this.name = 'DocumentTooLargeError';
  }
}

/**
 * Serializes `value`; refuses what JSON cannot hold and documents longer than `maxParts` parts, with an error that
 * names the limit (better than the service's "PropertyValueTooLarge" or "EntityTooLarge" halfway through a write).
 */
export function toDocumentProperties(value: unknown, what: string, maxParts: number): DocumentProperties {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} cannot be stored: it is not JSON data`);
  if (json.length > PART_LENGTH * maxParts) throw new DocumentTooLargeError(what, json.length, PART_LENGTH * maxParts);
  const properties: DocumentProperties = {};
  let parts = 0;
  for (let start = 0; start < json.length || parts === 0; parts++) {
    let end = Math.min(start + PART_LENGTH, json.length);
    // Never cut a surrogate pair: each half alone is not valid UTF-16 and would not survive the trip as UTF-8.
    if (end < json.length && isHighSurrogate(json.charCodeAt(end - 1))) end--;
    properties[`Doc${parts}`] = json.slice(start, end);
    start = end;
  }
  properties.DocParts = parts;
  return properties;
}

export function fromDocumentProperties<T>(entity: Record<string, unknown>, what: string): T {
  const parts = entity.DocParts;
  if (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 1) throw new Error(`${what} is damaged: no DocParts`);
  let json = '';
  for (let part = 0; part < parts; part++) {
    const text = entity[`Doc${part}`];
    if (typeof text !== 'string') throw new Error(`${what} is damaged: part ${part} of ${parts} is missing`);
    json += text;
  }
  return JSON.parse(json) as T;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
