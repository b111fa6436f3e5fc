import { FileHandle, open, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { Translate } from '../../i18n';
import { governedGuestReport } from '../../invitation/lifecycle/guest-report';
import { CliExit, EXIT } from '../exit-codes';
import { csvText, REPORT_HEADER, reportCsvRecords } from '../guest-report-csv';
import { Runner } from '../program';

interface ReviewOptions {
  report?: boolean;
  output?: string;
}

/**
 * `guestpass review --report`: every governed guest with its state, sponsors, end of access, last sign-in and the
 * lifecycle's next step, as CSV (or, with --json, one JSON array with an element per line). Written page by page as
 * the store is read, so a large tenant's report never sits in memory whole.
 */
export function registerReview(program: Command, run: Runner, t: Translate): void {
  program
    .command('review')
    .description(t('cli:help.review.description'))
    .option('--report', t('cli:help.review.report'))
    .option('--output <file>', t('cli:help.review.output'))
    .addHelpText('after', t('cli:help.review.after'))
    .action((options: ReviewOptions, command: Command) =>
      run(command, async (session, out, io) => {
        const { t } = out;
        if (!options.report) throw new CliExit(EXIT.usage, t('cli:review.reportRequired'));
        const { guests } = session.services.store;
        const file = options.output === undefined ? undefined : await createOutput(options.output, t);
        const write = async (text: string) => {
          if (file) await file.handle.write(text, null, 'utf8');
          else io.stdout.write(text);
        };
        let count = 0;
        try {
          // Excel reads UTF-8 only with a BOM; a pipe to a script is better without one.
          if (!out.json) await write(`${file ? '\ufeff' : ''}${csvText([REPORT_HEADER])}`);
          else await write('[');
          const { policy, clock } = session.services.invitations;
          for await (const page of governedGuestReport(guests, policy, clock.now())) {
            if (out.json) await write(page.map((row, index) => `${count + index === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`).join(''));
            else await write(csvText(reportCsvRecords(page)));
            count += page.length;
          }
          if (out.json) await write(count === 0 ? ']\n' : '\n]\n');
        } catch (error) {
          // Half a report would pass for a whole one: a file that could not be finished is removed.
          if (file) await file.handle.close().then(() => unlink(file.path)).catch(() => undefined);
          throw error;
        }
        await file?.handle.close();
        if (file) out.note(t('cli:review.written', { count, path: file.path }));
        return EXIT.ok;
      }),
    );
}

const CREATE_ERRORS: Record<string, 'exists' | 'noFolder' | 'denied'> = { EEXIST: 'exists', ENOENT: 'noFolder', EACCES: 'denied', EPERM: 'denied' };

/** The report names every guest: a new file only its owner may read. */
async function createOutput(path: string, t: Translate): Promise<{ path: string; handle: FileHandle }> {
  const full = resolve(path);
  try {
    return { path: full, handle: await open(full, 'wx', 0o600) };
  } catch (error) {
    const reason = CREATE_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? 'other';
    throw new CliExit(EXIT.usage, t(`cli:review.output.${reason}`, { path: full }));
  }
}
