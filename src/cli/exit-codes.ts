import { DirectoryErrorKind } from '../invitation/directory-error';

/** The exit codes of `guestpass`, documented in docs/cli.md; scripts depend on them, so they only ever grow. */
export const EXIT = {
  /** Done: every invitation sent, waiting for approval, or already settled (existing user, internal address). */
  ok: 0,
  /** Nothing was done: bad arguments, invalid configuration or policy, an invalid address or CSV, unknown --as. */
  usage: 1,
  /** Done, but not everything: refused by the policy, not found, rows failed or not attempted. */
  notDone: 2,
  /** Microsoft Graph or sign-in is unavailable: unreachable, throttled, no token, missing permission. */
  unavailable: 3,
  /** Another run of the same bulk file is in progress. */
  busy: 4,
  /** Stopped with Ctrl+C; a bulk run can be started again and continues where it stopped. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Failures an operator fixes or waits out (3) rather than a problem with what was asked (2). */
const SERVICE_FAILURES: readonly DirectoryErrorKind[] = ['unavailable', 'throttled', 'authenticationFailed', 'insufficientPrivileges'];

export function exitForDirectoryError(kind: DirectoryErrorKind): ExitCode {
  return SERVICE_FAILURES.includes(kind) ? EXIT.unavailable : EXIT.notDone;
}

/** A failure that ends the command with a message on stderr and a code. */
export class CliExit extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}
