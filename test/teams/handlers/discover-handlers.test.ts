import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  discoverHandlers,
  HANDLER_DIRECTORY,
  HANDLER_FILE,
  handlerFiles,
  isCardActionHandler,
  isCommandHandler,
} from '../../../src/teams/handlers/discover-handlers';
import { REGISTRY } from '../../../src/teams/handlers/registry';
import { sourceFiles } from '../../support/source-files';

const TEAMS = resolve(__dirname, '../../../src/teams');

/** A compiled handler file, as tsc writes one to dist. */
const COMPILED_ACTION = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pingAction = { verb: "test.ping", audience: "anyone", graphRights: "none", handle: async () => ({ statusCode: 200, type: "x", value: {} }) };
`;

describe('handler discovery', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'guestpass-handlers-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('registers every handler the handler files export, and the bot answers exactly those', () => {
    const { commands, cardActions } = discoverHandlers();
    assert.deepEqual(new Set(REGISTRY.commands.values()), new Set(commands));
    assert.deepEqual(new Set(REGISTRY.cardActions.values()), new Set(cardActions));
    assert.ok(handlerFiles(HANDLER_DIRECTORY).includes('bulk-actions.ts'), 'the bulk preview buttons with the others');
  });

  it('reads the compiled tree: its .js modules, never a .d.ts or a source map', () => {
    writeFileSync(join(folder, 'ping-action.js'), COMPILED_ACTION);
    writeFileSync(join(folder, 'ping-action.js.map'), '{"version":3}');
    writeFileSync(join(folder, 'ping-action.d.ts'), 'export declare const pingAction: unknown;');
    writeFileSync(join(folder, 'ping-parts.js'), 'exports.helper = 1;');
    assert.deepEqual(handlerFiles(folder, '.js'), ['ping-action.js']);
    assert.deepEqual(handlerFiles(folder, '.ts'), [], 'under tsx a declaration file is not a handler file');
    assert.deepEqual(
      discoverHandlers([folder], '.js').cardActions.map((handler) => handler.verb),
      ['test.ping'],
    );
  });

  it('takes no editor lock file, copy metadata or folder named like a handler file for one', () => {
    writeFileSync(join(folder, 'ping-action.js'), COMPILED_ACTION);
    // Emacs' lock file: a link to nowhere; macOS's AppleDouble file on a shared folder: binary, not JavaScript.
    symlinkSync('nobody@host.1234:1700000000', join(folder, '.#ping-action.js'));
    writeFileSync(join(folder, '._ping-action.js'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]));
    writeFileSync(join(folder, 'Ping-Action.js'), 'throw new Error("not lower-case words");');
    mkdirSync(join(folder, 'old-command.js'));
    assert.deepEqual(handlerFiles(folder, '.js'), ['ping-action.js']);
    assert.deepEqual(discoverHandlers([folder], '.js').cardActions.map((handler) => handler.verb), ['test.ping']);
  });

  it('refuses a handler file that exports no handler, so a misspelt one is not silently dropped', () => {
    writeFileSync(join(folder, 'ping-action.js'), COMPILED_ACTION.replace('verb:', 'verbs:'));
    assert.throws(() => discoverHandlers([folder], '.js'), /ping-action\.js is named as a handler file but exports no command or card action handler/);
  });

  it('refuses a directory with no handler file at all, rather than start a bot that answers nothing', () => {
    writeFileSync(join(folder, 'ping-parts.js'), 'exports.helper = 1;');
    assert.throws(() => discoverHandlers([folder], '.js'), /No handler files/);
  });

  it('finds no handler in src/teams outside the handler files, where it would never be registered', () => {
    const registered = new Set<unknown>([...REGISTRY.commands.values(), ...REGISTRY.cardActions.values()]);
    const strays = sourceFiles(TEAMS).flatMap((file) =>
      Object.entries(require(file) as Record<string, unknown>)
        .filter(([, value]) => (isCommandHandler(value) || isCardActionHandler(value)) && !registered.has(value))
        .map(([name]) => `${relative(TEAMS, file)}: ${name}`),
    );
    assert.deepEqual(strays, []);
    const misnamed = sourceFiles(TEAMS).filter((file) => HANDLER_FILE.test(basename(file, '.ts')) && dirname(file) !== HANDLER_DIRECTORY);
    assert.deepEqual(misnamed.map((file) => relative(TEAMS, file)), [], 'handler files are found in handlers/ alone');
  });
});
