import { createMemoryStore } from './memory/memory-store';
import { openSqliteStore } from './sqlite/open-sqlite-store';
import { StoreConfig } from '../config/app-config';
import { GuestPassStore } from './store';

export * from './store';
export { createMemoryStore } from './memory/memory-store';
export { openSqliteStore } from './sqlite/open-sqlite-store';
export { MIGRATIONS, SCHEMA_VERSION } from './sqlite/migrations';
export type { Migration } from './sqlite/migrations';
export { AlreadyExistsError, ConcurrencyError } from '../invitation/request-repository';
export type { Versioned } from '../invitation/request-repository';

/** Which store to open; each kind carries only the settings it needs. Add new kinds (Azure Table Storage) here. */
export type StoreOptions = { kind: 'memory' } | { kind: 'sqlite'; filePath: string };

export function openStore(options: StoreOptions | StoreConfig): GuestPassStore {
  switch (options.kind) {
    case 'memory':
      return createMemoryStore();
    case 'sqlite':
      return openSqliteStore(options.filePath);
    case 'table':
      throw new Error('The Azure Table Storage store is not available yet');
    default:
      // A new kind added to StoreOptions without a case here fails to compile.
      return unknownKind(options);
  }
}

function unknownKind(options: never): never {
  throw new Error(`Unknown store kind: ${(options as { kind: string }).kind}`);
}
