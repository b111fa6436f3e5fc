import { Command, CommanderError } from 'commander';
import { terminalLocale } from '../config';
import { translatorFor } from '../i18n';
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

const EXIT_CODES_HELP = `
Exit codes:
  0    done (invited, sent for approval, or nothing to do)
  1    nothing done: usage, configuration, invalid input, unknown --as
  2    done in part: refused, not found, some rows failed or not attempted
  3    Microsoft Graph or sign-in unavailable (unreachable, throttled, no token, missing permission)
  4    another run of the same bulk file is in progress
  130  interrupted with Ctrl+C (run the same bulk command again to continue)

Configuration is the bot's: environment variables or .env (see .env.example). See docs/cli.md.`;

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
    await buildProgram(io, run).parseAsync(argv, { from: 'user' });
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

function buildProgram(io: CliIo, run: Runner): Command {
  const program = new Command('guestpass')
    .description(
      'Invite external collaborators into Microsoft Entra ID as B2B guests, with the same policy, approvals and audit ' +
        'trail as the GuestPass Teams bot.',
    )
    .option('--as <user>', 'who you act as: user principal name or object id (the invitation policy applies to them)')
    .option('--json', 'print the result as one JSON document, for scripts')
    .option('--verbose', 'log at LOG_LEVEL on stderr (default: warnings only)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError()
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of [registerInvite, registerStatus, registerPending, registerResend, registerBulk, registerReview]) register(program, run);
  return program;
}
