import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every TypeScript file under `folder`, its subfolders included: what the architecture tests read. */
export function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}
