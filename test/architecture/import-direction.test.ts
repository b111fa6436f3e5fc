import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from '../support/source-files';

const SRC = resolve(__dirname, '../../src');

/** The domain side (and the bulk rules built on it) is used by the transports and never uses them. */
const LOWER = ['invitation', 'bulk'];
const UPPER = ['cards', 'teams'];

/** Every relative module a file imports or re-exports (type-only ones too: they bind the folders all the same). */
export function relativeImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((entry) => entry.fileName).filter((name) => name.startsWith('.'));
}

function resolveModule(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(candidate)) return candidate;
  return base;
}

function topFolder(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0]!;
}

/** `src/x/y.ts → src/cards/z.ts` for each import from a lower folder up to an upper one. */
export function upwardImports(): string[] {
  return LOWER.flatMap((folder) =>
    sourceFiles(join(SRC, folder)).flatMap((file) =>
      relativeImports(file)
        .map((specifier) => resolveModule(file, specifier))
        .filter((target) => UPPER.includes(topFolder(target)))
        .map((target) => `src/${relative(SRC, file)} → src/${relative(SRC, target)}`),
    ),
  );
}

describe('the direction of imports', () => {
  it('finds the imports of a file, re-exports and type-only imports included', () => {
    const imports = relativeImports(join(SRC, 'invitation/invitation-context.ts'));
    assert.ok(imports.includes('./access-control'), imports.join(', '));
    assert.ok(imports.length >= 10, imports.join(', '));
  });

  it('sees an import that runs up, so the rule below can fail', () => {
    const fromTeams = sourceFiles(join(SRC, 'teams')).flatMap((file) => relativeImports(file).map((specifier) => resolveModule(file, specifier)));
    assert.ok(fromTeams.some((target) => topFolder(target) === 'cards'), 'src/teams imports src/cards');
  });

  it('never runs from src/invitation or src/bulk up to src/cards or src/teams', () => {
    assert.deepEqual(upwardImports(), []);
  });
});
