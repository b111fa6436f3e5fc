import { Translate } from '../i18n';
import { CliIo } from './cli-io';

/**
 * Where the CLI says things. Results go to stdout, as text for people or, with --json, as one JSON document for
 * scripts; notes, warnings and errors always go to stderr so they never corrupt what a script parses.
 */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
    /** The person's language (their terminal's locale): every text line goes through it; JSON does not. */
    readonly t: Translate,
  ) {}

  /** The command's answer: `data` with --json, else `lines`. */
  result(data: unknown, lines: string[]): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else if (lines.length > 0) this.io.stdout.write(`${lines.join('\n')}\n`);
  }

  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  get stderr(): CliIo['stderr'] {
    return this.io.stderr;
  }
}
