import { filterSyntaxError } from './syntax';

export type Token =
  | { type: 'identifier'; text: string; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'punctuation'; text: '(' | ')' | ',' | ':' | '/'; position: number }
  | { type: 'end'; position: number };

const PUNCTUATION = new Set(['(', ')', ',', ':', '/']);
const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

/**
 * Splits a `$filter` value into tokens. A string literal is quoted with apostrophes and an
 * apostrophe inside it is written twice (`'o''brien@x.com'`); an unescaped one ends the
 * literal early, so the rest of the address becomes stray characters and the filter is
 * rejected, exactly the failure a bot that forgets to escape gets from Graph.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "'") {
      index = readString(text, index, tokens);
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ type: 'punctuation', text: char as '(' | ')' | ',' | ':' | '/', position: index });
      index += 1;
    } else if (IDENTIFIER_START.test(char)) {
      const start = index;
      while (index < text.length && IDENTIFIER_PART.test(text[index]!)) index += 1;
      tokens.push({ type: 'identifier', text: text.slice(start, index), position: start });
    } else {
      throw filterSyntaxError(`Syntax error: character '${char}' is not valid at position ${index}`, text);
    }
  }
  tokens.push({ type: 'end', position: text.length });
  return tokens;
}

function readString(text: string, openingQuote: number, tokens: Token[]): number {
  let value = '';
  let index = openingQuote + 1;
  for (;;) {
    if (index >= text.length) {
      throw filterSyntaxError(`There is an unterminated string literal at position ${openingQuote}`, text);
    }
    if (text[index] === "'") {
      if (text[index + 1] !== "'") break;
      value += "'";
      index += 2;
    } else {
      value += text[index];
      index += 1;
    }
  }
  tokens.push({ type: 'string', value, position: openingQuote });
  return index + 1;
}
