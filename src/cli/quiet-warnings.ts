/**
 * Imported first by the CLI entry. The composition root loads restify for the bot's server, and restify's spdy
 * touches a deprecated Node API on load (DEP0111): harmless, and noise on an administrator's terminal. `npm start`
 * silences the same warning with --disable-warning=DEP0111, which a bin script's shebang cannot pass portably.
 * Every other warning still shows.
 */
const emitWarning = process.emitWarning.bind(process);

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const [typeOrOptions, code] = rest;
  const warningCode = typeof typeOrOptions === 'object' && typeOrOptions !== null ? (typeOrOptions as { code?: string }).code : code;
  if (warningCode === 'DEP0111') return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

export {};
