import { filterSyntaxError, type FilterExpression, type LiteralValue, type Operand } from './syntax';
import { tokenize, type Token } from './tokenizer';

const COMPARISON_OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/**
 * Recursive-descent parser for OData boolean expressions:
 *
 *   or      := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' or ')' | name '(' operand ',' literal ')' | operand '/' name '(' name ':' or ')'
 *            | operand ('eq'|'ne'|'gt'|'ge'|'lt'|'le') literal | operand 'in' '(' literal (',' literal)* ')'
 *
 * Keywords and function names are matched case-insensitively because Graph accepts
 * `startsWith` and `NOT` as readily as `startswith` and `not`. The parser only checks
 * shape; which properties, operators and functions are allowed is the compiler's job.
 */
export function parseFilter(text: string): FilterExpression {
  return new Parser(text).parse();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): FilterExpression {
    const expression = this.parseOr();
    const next = this.peek();
    if (next.type !== 'end') throw this.unexpected(next, 'end of expression');
    return expression;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.acceptKeyword('or')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.acceptKeyword('and')) left = { kind: 'and', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(): FilterExpression {
    if (this.acceptKeyword('not')) return { kind: 'not', operand: this.parseUnary() };
    return this.parsePrimary();
  }

  private parsePrimary(): FilterExpression {
    if (this.acceptPunctuation('(')) {
      const inner = this.parseOr();
      this.expectPunctuation(')');
      return inner;
    }
    const name = this.expectIdentifier();
    if (this.acceptPunctuation('(')) {
      const argument = this.parseOperand();
      this.expectPunctuation(',');
      const value = this.parseLiteral();
      this.expectPunctuation(')');
      return { kind: 'call', name: name.text.toLowerCase(), argument, value };
    }
    const left: Operand = { kind: 'operand', name: name.text, position: name.position };
    if (this.acceptPunctuation('/')) return this.parseLambda(left);
    return this.parseComparison(left);
  }

  private parseLambda(collection: Operand): FilterExpression {
    const operator = this.expectIdentifier().text.toLowerCase();
    this.expectPunctuation('(');
    const variable = this.expectIdentifier().text;
    this.expectPunctuation(':');
    const body = this.parseOr();
    this.expectPunctuation(')');
    return { kind: 'lambda', operator, collection, variable, body };
  }

  private parseComparison(left: Operand): FilterExpression {
    const operatorToken = this.peek();
    const operator = operatorToken.type === 'identifier' ? operatorToken.text.toLowerCase() : '';
    if (COMPARISON_OPERATORS.has(operator)) {
      this.index += 1;
      return { kind: 'compare', operator, left, value: this.parseLiteral() };
    }
    if (operator === 'in') {
      this.index += 1;
      this.expectPunctuation('(');
      const values = [this.parseLiteral()];
      while (this.acceptPunctuation(',')) values.push(this.parseLiteral());
      this.expectPunctuation(')');
      return { kind: 'in', left, values };
    }
    throw this.unexpected(operatorToken, 'a comparison operator');
  }

  private parseOperand(): Operand {
    const token = this.expectIdentifier();
    return { kind: 'operand', name: token.text, position: token.position };
  }

  private parseLiteral(): LiteralValue {
    const token = this.peek();
    if (token.type === 'string') {
      this.index += 1;
      return token.value;
    }
    if (token.type === 'identifier') {
      const keyword = token.text.toLowerCase();
      const literals: Record<string, LiteralValue> = { null: null, true: true, false: false };
      if (keyword in literals) {
        this.index += 1;
        return literals[keyword]!;
      }
    }
    throw this.unexpected(token, 'a literal');
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private acceptKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token.type !== 'identifier' || token.text.toLowerCase() !== keyword) return false;
    this.index += 1;
    return true;
  }

  private acceptPunctuation(text: string): boolean {
    const token = this.peek();
    if (token.type !== 'punctuation' || token.text !== text) return false;
    this.index += 1;
    return true;
  }

  private expectPunctuation(text: string): void {
    if (!this.acceptPunctuation(text)) throw this.unexpected(this.peek(), `'${text}'`);
  }

  private expectIdentifier(): Extract<Token, { type: 'identifier' }> {
    const token = this.peek();
    if (token.type !== 'identifier') throw this.unexpected(token, 'a property or function name');
    this.index += 1;
    return token;
  }

  private unexpected(token: Token, expected: string): Error {
    const found =
      token.type === 'end'
        ? 'end of input'
        : token.type === 'string'
          ? `literal '${token.value}'`
          : `'${token.text}'`;
    const detail = `Syntax error: expected ${expected} but found ${found} at position ${token.position}`;
    return filterSyntaxError(detail, this.text);
  }
}
