import { Command, InvalidArgumentError } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BottleneckPacer } from '../../bulk/bottleneck-pacer';
import { describeFileError } from '../../bulk/describe';
import { directoryErrorText } from '../../i18n/labels';
import { parseBulkCsv } from '../../bulk/parse-bulk-csv';
import { resultCsv } from '../../bulk/result-csv';
import { countOutcomes, redeemUrlCount, resultEntries } from '../../bulk/result-entries';
import { validateBulkRows } from '../../bulk/validate-rows';
import { Translate } from '../../i18n';
import { runBulkInvitation } from '../../invitation/bulk-invite';
import { SETTLED_OUTCOMES } from '../../invitation/bulk-outcome';
import { previewBulkInvitation } from '../../invitation/bulk-preview';
import { effectiveLimits } from '../../invitation/invitation-defaults';
import { invalidRowsJson, invalidRowsText, previewText, summaryJson, summaryText } from '../bulk-report';
import { bulkExitCode } from '../bulk-exit';
import { CliExit, EXIT } from '../exit-codes';
import { Runner } from '../program';
import { rowProgress } from '../progress-bar';
import { ResultFile } from '../result-file';

interface BulkOptions {
  out?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  concurrency?: number;
}

const isoDate = (iso: string) => iso;

/** `guestpass bulk <csv>`: the Entra admin center's bulk invite file, through the bot's own use cases. */
export function registerBulk(program: Command, run: Runner, t: Translate): void {
  program
    .command('bulk')
    .description(t('cli:help.bulk.description'))
    .argument('<csv>', t('cli:help.bulk.csv'))
    .option('--out <file>', t('cli:help.bulk.out'))
    .option('--dry-run', t('cli:help.bulk.dryRun'))
    .option('--skip-invalid', t('cli:help.bulk.skipInvalid'))
    .option('--concurrency <n>', t('cli:help.bulk.concurrency'), concurrency)
    .addHelpText('after', t('cli:help.bulk.after'))
    .action((csv: string, options: BulkOptions, command: Command) =>
      run(command, async (session, out, io) => {
        const { t } = out;
        const ctx = session.services.invitations;
        const fileName = basename(csv);
        const parsed = parseBulkCsv(await readBytes(csv, t));
        if (!parsed.ok) throw new CliExit(EXIT.usage, `${fileName}: ${describeFileError(t, parsed.error)}`);
        if (parsed.ignoredColumns.length > 0) out.note(t('bulk:preview.ignoredColumns', { columns: parsed.ignoredColumns.join(', ') }));
        const { valid, invalid } = validateBulkRows(parsed.rows, effectiveLimits(ctx), { access: ctx.policy.access, now: ctx.clock.now() });
        const blocked = invalid.length > 0 && !options.skipInvalid;
        if (blocked && !options.dryRun) {
          out.result({ sent: false, fileId: parsed.fileId, invalid: invalidRowsJson(t, invalid) }, []);
          throw new CliExit(EXIT.usage, [...invalidRowsText(t, invalid), t('cli:bulk.nothingSent')].join('\n'));
        }

        const requester = await session.requester();
        const preview = await previewBulkInvitation(ctx, valid.map((row) => row.invitation), requester, {
          fileId: parsed.fileId,
          ledger: session.services.bulk.ledger,
        });
        if (options.dryRun) {
          out.result({ dryRun: true, fileId: parsed.fileId, rows: parsed.rows.length, ready: preview.toInvite, preview, invalid: invalidRowsJson(t, invalid) }, [
            ...invalidRowsText(t, invalid),
            ...previewText(t, fileName, parsed.rows.length, valid.length, preview),
          ]);
          return blocked ? EXIT.usage : EXIT.ok;
        }
        if (!preview.mayInvite) throw new CliExit(EXIT.notDone, t('bulk:preview.notAnInviter'));
        if (valid.length === 0) throw new CliExit(EXIT.usage, t('bulk:preview.nothingToSend'));

        const resultFile = await ResultFile.create(csv, options.out, ctx.clock.now(), t);
        const pacer = options.concurrency
          ? new BottleneckPacer({ ...session.services.bulk.pacer.options, maxConcurrent: options.concurrency }, { state: session.services.store.state })
          : undefined;
        const progress = rowProgress(io.stderr, out.json, t);
        let notDone = 0;
        try {
          const report = await runBulkInvitation(
            ctx,
            { fileId: parsed.fileId, rows: valid, requester },
            {
              pacer: pacer ?? session.services.bulk.pacer,
              ledger: session.services.bulk.ledger,
              signal: io.signal,
              onRow: (result, { done, total }) => {
                const { kind } = result.outcome;
                if (kind === 'notRun' || (kind !== 'skipped' && !SETTLED_OUTCOMES.includes(kind))) notDone++;
                progress.update(done, total, notDone);
              },
            },
          );
          progress.stop();
          if (report.kind === 'busy') throw new CliExit(EXIT.busy, t('bulk:summary.busy'));
          const entries = resultEntries(report.results, invalid);
          await resultFile.write(resultCsv(t, entries, isoDate));
          if (report.stoppedBy) out.note(t('bulk:summary.stopped', { reason: directoryErrorText(t, report.stoppedBy) }));
          if (report.interrupted) out.note(t('bulk:summary.interrupted'));
          const links = redeemUrlCount(entries);
          if (links > 0) out.note(`${resultFile.path}: ${t('bulk:summary.sensitive')}`);
          out.result(
            { file: fileName, fileId: parsed.fileId, resultFile: resultFile.path, interrupted: report.interrupted, stoppedBy: report.stoppedBy, ...summaryJson(t, entries, isoDate) },
            summaryText(t, fileName, entries, resultFile.path),
          );
          return bulkExitCode(countOutcomes(entries), entries, report, io.signal?.aborted ?? false);
        } finally {
          progress.stop();
          await pacer?.close();
          // A run that ended without results (busy, or an unexpected failure) leaves no empty result file behind.
          if (!resultFile.written) await resultFile.discard();
        }
      }),
    );
}

async function readBytes(path: string, t: Translate): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = FILE_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? 'unreadable';
    throw new CliExit(EXIT.usage, t(`cli:file.${reason}`, { path }));
  }
}

const FILE_ERRORS: Record<string, 'missing' | 'isFolder' | 'denied'> = { ENOENT: 'missing', EISDIR: 'isFolder', EACCES: 'denied', EPERM: 'denied' };

function concurrency(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 8) throw new InvalidArgumentError('a whole number from 1 to 8');
  return value;
}
