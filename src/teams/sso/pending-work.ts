import { ParsedCommand } from '../command-parser';

/**
 * What a person asked for before they had signed in, kept so it runs once they have: the parsed command or the
 * card button's data, never a token. Plain JSON, since the store serializes it.
 */
export type PendingWork =
  | { kind: 'command'; command: ParsedCommand }
  | { kind: 'cardAction'; verb: string; data: Record<string, unknown> }
  /** A bulk CSV: its download link is short-lived and works without sign-in, so it is not kept; the person sends the file again. */
  | { kind: 'file' };

/** For logs: which command or button, never what was typed into it. */
export function workName(work: PendingWork): string {
  switch (work.kind) {
    case 'command':
      return work.command.name;
    case 'cardAction':
      return work.verb;
    case 'file':
      return 'bulkFile';
  }
}
