import { Command, CommanderError } from 'commander';
import { terminalLocale } from '../config';
import { Translate, translatorFor } from '../i18n';
import { scrubText } from '../logging/redaction';
import { CliIo } from './cli-io';
import { registerBulk } from './commands/bulk';
import { registerInvite } from './commands/invite';
import { registerPending } from './commands/pending';
import { registerResend } from './commands/resend';
import { registerReview } from './commands/review';
import { registerStatus } from './commands/status';
import { CliExit, EXIT, ExitCode } from './exit-codes';
import { Output } from './output';
import { CliSession, GlobalOptions, openSession } from './session';

/** A command's work once GuestPass is up: it answers through `out` and returns the exit code. */
export type CommandWork = (session: CliSession, out: Output, io: CliIo) => Promise<ExitCode>;

/** Runs a command's work in a session; given to every command module. */
export type Runner = (command: Command, work: CommandWork) => Promise<void>;

/** `guestpass …` with `argv` (without node and the script): returns the exit code instead of exiting. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const t = translatorFor(terminalLocale(io.env));
  const run: Runner = async (command, work) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const session = await openSession(io, globals, t);
    try {
      code = await work(session, new Output(io, Boolean(globals.json), t), io);
    } finally {
      await session.close();
    }
  };
  try {
    await buildProgram(io, run, t).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    // --help and --version end with exit code 0; usage mistakes (commander has printed them) with 1.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliExit) {
      io.stderr.write(`${error.message}\n`);
      return error.code;
    }
    io.stderr.write(`${t('cli:unexpected', { detail: scrubText(error instanceof Error ? error.message : String(error)) })}\n`);
    return EXIT.usage;
  }
}

/** Commander's headings, in the terminal's language like the rest of the help. */
const HEADINGS: Record<string, string> = {
  'Usage:': 'usage',
  'Arguments:': 'arguments',
  'Options:': 'options',
  'Commands:': 'commands',
  'Global Options:': 'globalOptions',
};

function buildProgram(io: CliIo, run: Runner, t: Translate): Command {
  const program = new Command('guestpass')
    .description(t('cli:help.program.description'))
    .option('--as <user>', t('cli:help.program.as'))
    .option('--json', t('cli:help.program.json'))
    .option('--verbose', t('cli:help.program.verbose'))
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError()
    .addHelpText('after', t('cli:help.program.exitCodes'));
  for (const register of [registerInvite, registerStatus, registerPending, registerResend, registerBulk, registerReview]) register(program, run, t);
  for (const command of [program, ...program.commands]) {
    command
      .helpOption('-h, --help', t('cli:help.helpOption'))
      .configureHelp({ styleTitle: (title) => (HEADINGS[title] ? t(`cli:help.title.${HEADINGS[title]}`) : title) });
  }
  program.helpCommand('help [command]', t('cli:help.helpOption'));
  return program;
}
