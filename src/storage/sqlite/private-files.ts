import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Only the account GuestPass runs as may list, read or replace what it keeps at rest. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** What SQLite keeps next to the database in WAL mode (and the rollback journal of a switch into it). */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/** Something about the data folder an administrator should know; the store opens regardless. */
export type StorageWarning = (details: Record<string, unknown>, message: string) => void;

const modeOf = (path: string) => statSync(path).mode & 0o777;
const octal = (mode: number) => `0${mode.toString(8)}`;

/**
 * Makes the folder of `databasePath` private before SQLite creates anything in it. A new folder is made 0700,
 * whatever the umask. An existing one is tightened only when GuestPass owns it outright (it holds nothing but
 * this database's files, as a folder made by an earlier version does); a folder shared with other files (DATA_DIR
 * set to a home or system folder) is left as it is and reported, since changing it could lock others out.
 */
export function preparePrivateFolder(databasePath: string, warn: StorageWarning): void {
  if (process.platform === 'win32') return;
  const folder = dirname(databasePath);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // mkdir's mode passes through the umask, which may take away the owner's own rights too.
    chmodSync(folder, PRIVATE_FOLDER_MODE);
    return;
  }
  const mode = modeOf(folder);
  if ((mode & 0o077) === 0) return;
  const ownFiles = new Set([basename(databasePath), ...COMPANIONS.map((suffix) => basename(databasePath) + suffix)]);
  const ownedOutright = statSync(folder).uid === process.getuid?.() && readdirSync(folder).every((name) => ownFiles.has(name));
  if (ownedOutright && tighten(folder, PRIVATE_FOLDER_MODE)) {
    warn({ folder, was: octal(mode), now: octal(PRIVATE_FOLDER_MODE) }, 'data folder was open to other accounts: made private');
    return;
  }
  warn(
    { folder, mode: octal(mode) },
    `data folder is open to other accounts; the database files are kept ${octal(PRIVATE_FILE_MODE)}, but consider chmod ${octal(PRIVATE_FOLDER_MODE).slice(1)} on it or a folder of its own`,
  );
}

/**
 * Creates the database file 0600 if it is missing, so SQLite opens a private file rather than creating one
 * 0644 (its default) less the umask. SQLite gives the -wal and -shm files it creates the database file's exact
 * mode (it chmods them past the umask), so they are private from their first byte.
 */
export function createPrivateFile(databasePath: string): void {
  if (process.platform === 'win32') return;
  closeSync(openSync(databasePath, 'a', PRIVATE_FILE_MODE));
}

/**
 * Sets the database and its companions to 0600: the file made above passed through the umask, and an earlier
 * version left its files readable by everyone. A file system that keeps no modes (an SMB share) is reported.
 */
export function tightenDatabaseFiles(databasePath: string, warn: StorageWarning): void {
  if (process.platform === 'win32') return;
  for (const path of [databasePath, ...COMPANIONS.map((suffix) => databasePath + suffix)]) {
    if (!existsSync(path) || modeOf(path) === PRIVATE_FILE_MODE) continue;
    if (!tighten(path, PRIVATE_FILE_MODE)) {
      warn({ file: path, mode: octal(modeOf(path)) }, `database file could not be made ${octal(PRIVATE_FILE_MODE)}`);
    }
  }
}

/** Whether `path` now has `mode`: chmod can fail (not the owner) or be ignored (a share mounted with fixed modes). */
function tighten(path: string, mode: number): boolean {
  try {
    chmodSync(path, mode);
  } catch {
    return false;
  }
  return modeOf(path) === mode;
}
