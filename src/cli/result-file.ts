import { FileHandle, open, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Translate } from '../i18n';
import { CliExit, EXIT } from './exit-codes';

/**
 * The result file of a bulk run, created before the run starts: it will hold the only copy of the redeem URLs,
 * so a path that cannot be written must stop the run before anyone is invited, not after. It is never
 * overwritten (an earlier result file may hold links of its own) and only the owner may read it.
 */
export class ResultFile {
  /** Set once the results are in; a file never written is removed rather than left empty. */
  written = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(csvPath: string, out: string | undefined, now: Date, t: Translate): Promise<ResultFile> {
    const path = resolve(out ?? defaultPath(csvPath, now));
    try {
      return new ResultFile(path, await open(path, 'wx', 0o600));
    } catch (error) {
      const reason = CREATE_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? 'other';
      throw new CliExit(EXIT.usage, t(`cli:resultFile.${reason}`, { path }));
    }
  }

  async write(text: string): Promise<void> {
    await this.handle.writeFile(text, 'utf8');
    await this.handle.close();
    this.written = true;
  }

  /** For a run that did nothing: no empty result file is left behind. */
  async discard(): Promise<void> {
    await this.handle.close();
    await unlink(this.path).catch(() => undefined);
  }
}

const CREATE_ERRORS: Record<string, 'exists' | 'noFolder' | 'denied'> = { EEXIST: 'exists', ENOENT: 'noFolder', EACCES: 'denied', EPERM: 'denied' };

/** `guests.csv` → `guests.results-20261122T090000123Z.csv`, beside it: one file per run, sorted by time. */
function defaultPath(csvPath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return join(dirname(csvPath), `${basename(csvPath, extname(csvPath))}.results-${stamp}.csv`);
}
