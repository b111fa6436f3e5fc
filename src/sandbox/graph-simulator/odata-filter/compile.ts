import { parseFilter } from './parser';
import { ODataFilterError, type FilterExpression, type LiteralValue, type Operand } from './syntax';

export type FilterPropertyType = 'string' | 'boolean' | 'stringCollection';

/** The filterable properties of one resource type, e.g. `{ mail: 'string', otherMails: 'stringCollection' }`. */
export interface FilterSchema {
  /** The resource name used in error messages, e.g. 'User'. */
  entityName: string;
  properties: Readonly<Record<string, FilterPropertyType>>;
}

export interface CompiledFilter {
  matches(record: Readonly<Record<string, unknown>>): boolean;
  /**
   * True when the filter uses `ne`, `not` or `endsWith`: Graph serves those on directory
   * objects only as advanced queries (`ConsistencyLevel: eventual` and `$count=true`).
   */
  requiresAdvancedQuery: boolean;
}

type Predicate = (record: Readonly<Record<string, unknown>>, element?: string) => boolean;
type ValueOf = (record: Readonly<Record<string, unknown>>, element?: string) => unknown;

interface ResolvedOperand {
  type: 'string' | 'boolean' | 'stringCollection';
  read: ValueOf;
}

const EDM_TYPE = { string: 'Edm.String', boolean: 'Edm.Boolean', stringCollection: 'Collection(Edm.String)' };

/**
 * Parses a `$filter` and checks it against a schema, returning a predicate. String
 * comparisons ignore case, as Graph's do for the directory's string properties.
 */
export function compileFilter(text: string, schema: FilterSchema): CompiledFilter {
  return new FilterCompiler(schema).compile(text);
}

class FilterCompiler {
  private requiresAdvancedQuery = false;

  constructor(private readonly schema: FilterSchema) {}

  compile(text: string): CompiledFilter {
    const predicate = this.build(parseFilter(text), undefined);
    return { matches: (record) => predicate(record), requiresAdvancedQuery: this.requiresAdvancedQuery };
  }

  private build(expression: FilterExpression, variable: string | undefined): Predicate {
    switch (expression.kind) {
      case 'and': {
        const [left, right] = [this.build(expression.left, variable), this.build(expression.right, variable)];
        return (record, element) => left(record, element) && right(record, element);
      }
      case 'or': {
        const [left, right] = [this.build(expression.left, variable), this.build(expression.right, variable)];
        return (record, element) => left(record, element) || right(record, element);
      }
      case 'not': {
        this.requiresAdvancedQuery = true;
        const operand = this.build(expression.operand, variable);
        return (record, element) => !operand(record, element);
      }
      case 'compare':
        return this.buildComparison(expression.operator, expression.left, [expression.value], variable);
      case 'in':
        return this.buildComparison('in', expression.left, expression.values, variable);
      case 'call':
        return this.buildCall(expression.name, expression.argument, expression.value, variable);
      case 'lambda':
        return this.buildLambda(expression, variable);
    }
  }

  private buildComparison(
    operator: string,
    left: Operand,
    values: LiteralValue[],
    variable: string | undefined,
  ): Predicate {
    const operand = this.resolve(left, variable);
    if ((operator !== 'eq' && operator !== 'ne' && operator !== 'in') || operand.type === 'stringCollection') {
      throw this.unsupported(left.name);
    }
    for (const value of values) this.checkLiteralType(operand, value, operator);
    if (operator === 'ne') this.requiresAdvancedQuery = true;
    const equalsAny: Predicate = (record, element) => {
      const actual = operand.read(record, element);
      return values.some((expected) => valuesEqual(actual, expected));
    };
    return operator === 'ne' ? (record, element) => !equalsAny(record, element) : equalsAny;
  }

  private buildCall(name: string, argument: Operand, value: LiteralValue, variable: string | undefined): Predicate {
    const operand = this.resolve(argument, variable);
    if ((name !== 'startswith' && name !== 'endswith') || operand.type !== 'string' || typeof value !== 'string') {
      throw this.unsupported(argument.name);
    }
    if (name === 'endswith') this.requiresAdvancedQuery = true;
    const affix = value.toLowerCase();
    return (record, element) => {
      const actual = operand.read(record, element);
      if (typeof actual !== 'string') return false;
      const text = actual.toLowerCase();
      return name === 'startswith' ? text.startsWith(affix) : text.endsWith(affix);
    };
  }

  private buildLambda(
    expression: Extract<FilterExpression, { kind: 'lambda' }>,
    variable: string | undefined,
  ): Predicate {
    const collection = this.resolve(expression.collection, variable);
    // Graph supports only `any` on the directory's string collections, and no nesting.
    if (expression.operator !== 'any' || collection.type !== 'stringCollection' || variable !== undefined) {
      throw this.unsupported(expression.collection.name);
    }
    const body = this.build(expression.body, expression.variable);
    return (record) => {
      const items = collection.read(record);
      return Array.isArray(items) && items.some((item) => typeof item === 'string' && body(record, item));
    };
  }

  private resolve(operand: Operand, variable: string | undefined): ResolvedOperand {
    if (variable !== undefined && operand.name === variable) {
      return { type: 'string', read: (_record, element) => element };
    }
    const lowered = operand.name.toLowerCase();
    const name = Object.keys(this.schema.properties).find((property) => property.toLowerCase() === lowered);
    if (name === undefined) {
      const type = `microsoft.graph.${this.schema.entityName.toLowerCase()}`;
      throw new ODataFilterError(
        'Request_UnsupportedQuery',
        `Could not find a property named '${operand.name}' on type '${type}'.`,
      );
    }
    return { type: this.schema.properties[name]!, read: (record) => record[name] };
  }

  private checkLiteralType(operand: ResolvedOperand, value: LiteralValue, operator: string): void {
    if (value === null) return;
    const literalType = typeof value === 'boolean' ? 'boolean' : 'string';
    if (literalType !== operand.type) {
      throw new ODataFilterError(
        'BadRequest',
        'A binary operator with incompatible types was detected. ' +
          `Found operand types '${EDM_TYPE[operand.type]}' and '${EDM_TYPE[literalType]}' for operator kind '${operator}'.`,
      );
    }
  }

  private unsupported(property: string): ODataFilterError {
    return new ODataFilterError(
      'Request_UnsupportedQuery',
      'Unsupported or invalid query filter clause specified for property ' +
        `'${property}' of resource '${this.schema.entityName}'.`,
    );
  }
}

function valuesEqual(actual: unknown, expected: LiteralValue): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'string') {
    return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
  }
  return actual === expected;
}
