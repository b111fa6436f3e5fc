/**
 * Splits on white space, keeping "double-quoted" runs together. Only double quotes group: an apostrophe is part
 * of addresses and names (o'brien@…, O'Neil), so shell-style single quoting would mangle them.
 */
export function splitArguments(text: string): string[] {
  return (text.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((token) => token.replace(/"/g, ''));
}

/** Node's parseArgs names the offending option in its message; only that name is shown back. */
export function optionName(message: string): string | undefined {
  return /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
}
