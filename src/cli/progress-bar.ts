import { SingleBar } from 'cli-progress';
import { Translate } from '../i18n';
import { CliStream } from './cli-io';

export interface RowProgress {
  update(done: number, total: number, failed: number): void;
  stop(): void;
}

const SILENT: RowProgress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr while a bulk run goes, drawn only on a terminal and never with --json: in a pipe or a
 * log it would only be noise between the lines scripts read.
 */
export function rowProgress(stream: CliStream, json: boolean, t: Translate): RowProgress {
  if (json || !stream.isTTY) return SILENT;
  const bar = new SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    // cli-progress fills the {tokens} itself; i18next leaves them alone (its own are {{double}}).
    format: t('cli:bulk.progress'),
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update(done, total, failed) {
      if (!started) bar.start(total, 0, { failed: 0 });
      started = true;
      bar.update(done, { failed });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
