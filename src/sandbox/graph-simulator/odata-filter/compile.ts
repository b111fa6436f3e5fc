import { parseFilter } from './parser';
import { ODataFilterError, type FilterExpression, type LiteralValue, type Operand } from './syntax';

export type FilterPropertyType = 'string' | 'boolean' | 'stringCollection';

/** The filterable properties of one resource type, e.g. `{ mail: 'string', otherMails: 'stringCollection' }`. */
export interface FilterSchema {
  /** The resource name used in error messages, e.g. 'User'. */
  entityName: string;
  properties: Readonly<Record<string, FilterPropertyType>>;
}

/**
 * One test a filter makes: `property eq 'value'` (or one value of an `in`), `startswith(property,'value')`, or,
 * under `collection/any(x: ...)`, the same test on an element of the collection (`property` is then the collection).
 * Like the filter, it ignores case.
 */
export interface FilterTerm {
  /** As the schema spells it, whatever case the filter used. */
  property: string;
  operator: 'eq' | 'startswith';
  /** The literal as written (unescaped, case kept). */
  value: string;
}

export interface CompiledFilter {
  matches(record: Readonly<Record<string, unknown>>): boolean;
  /**
   * For a filter that is only an `or` (at any nesting, `any` bodies included) of such tests on string literals:
   * the tests, so that every record the filter matches passes at least one of them, and an index can find
   * candidates to run `matches` on. Undefined for any other shape (`and`, `not`, `ne`, `endswith`, null or
   * boolean literals...), which only a scan can answer.
   */
  candidates(): FilterTerm[] | undefined;
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

/** Inside `collection/any(variable: ...)`: the range variable stands for an element of the collection. */
interface LambdaScope {
  variable: string;
  collection: string;
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
    const expression = parseFilter(text);
    const predicate = this.build(expression, undefined);
    return {
      matches: (record) => predicate(record),
      requiresAdvancedQuery: this.requiresAdvancedQuery,
      candidates: () => this.terms(expression, undefined),
    };
  }

  /** Runs only on an expression `build` accepted, so names resolve and lambdas are `any` over a collection. */
  private terms(expression: FilterExpression, lambda: LambdaScope | undefined): FilterTerm[] | undefined {
    switch (expression.kind) {
      case 'or': {
        const left = this.terms(expression.left, lambda);
        const right = left && this.terms(expression.right, lambda);
        return left && right && [...left, ...right];
      }
      case 'compare':
        return expression.operator === 'eq' ? this.term(expression.left, 'eq', [expression.value], lambda) : undefined;
      case 'in':
        return this.term(expression.left, 'eq', expression.values, lambda);
      case 'call':
        return expression.name === 'startswith'
          ? this.term(expression.argument, 'startswith', [expression.value], lambda)
          : undefined;
      case 'lambda':
        return this.terms(expression.body, {
          variable: expression.variable,
          collection: this.propertyNamed(expression.collection.name)!,
        });
      default:
        return undefined;
    }
  }

  private term(
    operand: Operand,
    operator: FilterTerm['operator'],
    values: LiteralValue[],
    lambda: LambdaScope | undefined,
  ): FilterTerm[] | undefined {
    if (!values.every((value): value is string => typeof value === 'string')) return undefined;
    const property =
      lambda !== undefined && operand.name === lambda.variable ? lambda.collection : this.propertyNamed(operand.name)!;
    return values.map((value) => ({ property, operator, value }));
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
    const name = this.propertyNamed(operand.name);
    if (name === undefined) {
      const type = `microsoft.graph.${this.schema.entityName.toLowerCase()}`;
      throw new ODataFilterError(
        'Request_UnsupportedQuery',
        `Could not find a property named '${operand.name}' on type '${type}'.`,
      );
    }
    return { type: this.schema.properties[name]!, read: (record) => record[name] };
  }

  private propertyNamed(name: string): string | undefined {
    const lowered = name.toLowerCase();
    return Object.keys(this.schema.properties).find((property) => property.toLowerCase() === lowered);
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
