/**
 * The language a person's terminal asks for, by the POSIX locale variables in their order of precedence
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`): `tr_TR.UTF-8` gives Turkish. The command line speaks it.
 */
export function terminalLocale(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
}
