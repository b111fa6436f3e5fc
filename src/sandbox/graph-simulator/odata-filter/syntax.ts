/**
 * The abstract syntax of the `$filter` subset Graph accepts on directory objects, and the
 * two ways a filter can be refused. The split mirrors Graph: text it cannot parse is a
 * `BadRequest` "Invalid filter clause"; well-formed text asking for something the service
 * does not support (unknown property, unsupported operator) is `Request_UnsupportedQuery`.
 */

export type LiteralValue = string | boolean | null;

/** A property of the filtered object, or the range variable of an enclosing lambda (`x` in `any(x:…)`). */
export interface Operand {
  kind: 'operand';
  name: string;
  position: number;
}

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'compare'; operator: string; left: Operand; value: LiteralValue }
  | { kind: 'in'; left: Operand; values: LiteralValue[] }
  | { kind: 'call'; name: string; argument: Operand; value: LiteralValue }
  | { kind: 'lambda'; operator: string; collection: Operand; variable: string; body: FilterExpression };

export type FilterErrorCode = 'BadRequest' | 'Request_UnsupportedQuery';

export class ODataFilterError extends Error {
  constructor(
    readonly code: FilterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ODataFilterError';
  }
}

export function filterSyntaxError(detail: string, text: string): ODataFilterError {
  return new ODataFilterError('BadRequest', `Invalid filter clause: ${detail} in '${text}'.`);
}
