import { createMemoryStore } from './memory/memory-store';
import { openSqliteStore } from './sqlite/open-sqlite-store';
import { SqliteSynchronous, StoreConfig } from '../config/app-config';
import type { StorageWarning } from './sqlite/private-files';
import { GuestPassStore } from './store';
import type { TableStoreSettings } from './table/table-connection';

export * from './store';
export { createMemoryStore } from './memory/memory-store';
export { openSqliteStore } from './sqlite/open-sqlite-store';
export type { TableStoreSettings } from './table/table-connection';
export type { StorageWarning } from './sqlite/private-files';
export { MIGRATIONS, SCHEMA_VERSION } from './sqlite/migrations';
export type { Migration } from './sqlite/migrations';
export { AlreadyExistsError, ConcurrencyError } from '../invitation/request-repository';
export type { Versioned } from '../invitation/request-repository';

/** Which store to open; each kind carries only the settings it needs. */
export type StoreOptions =
  | { kind: 'memory' }
  | { kind: 'sqlite'; filePath: string; synchronous?: SqliteSynchronous }
  | ({ kind: 'table' } & TableStoreSettings);

/**
 * Opens the configured store, ready to use. Async because the table store creates its tables (and so checks the
 * connection and the identity's rights) before the bot takes any traffic. `warn` hears what an administrator
 * should know about where the data is kept (a data folder open to other accounts).
 */
export async function openStore(options: StoreOptions | StoreConfig, warn?: StorageWarning): Promise<GuestPassStore> {
  switch (options.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      return openSqliteStore(options.filePath, options.synchronous, warn);
    case 'table':
      return tableStoreModule().openTableStore(options);
    default:
      // A new kind added to StoreOptions without a case here fails to compile.
      return unknownKind(options);
  }
}

function unknownKind(options: never): never {
  throw new Error(`Unknown store kind: ${(options as { kind: string }).kind}`);
}

/** Loaded only when configured: the Azure Tables SDK is a noticeable share of start-up for everyone else. */
function tableStoreModule(): typeof import('./table/open-table-store') {
  return require('./table/open-table-store') as typeof import('./table/open-table-store');
}
