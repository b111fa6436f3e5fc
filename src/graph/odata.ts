/**
 * OData string literal: wrapped in apostrophes, an apostrophe inside doubled (`o'brien` → `'o''brien'`). Every
 * value that reaches a `$filter` goes through here; building filters by concatenating raw input would let an
 * address like `x' or userType eq 'Member` rewrite the query.
 */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The Graph client puts query values into the URL as they are; a `#` (guest UPNs have `#EXT#`) would start a
 * fragment and `+`/`&` would be misread, so filters are percent-encoded before they are handed over.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value);
}
