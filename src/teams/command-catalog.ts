import { REGISTRY } from './handlers/registry';

/**
 * The commands `help` lists, from the registry: each command declares its own lines (usage and locale key). The
 * manifest's command lists name the same commands (their titles are the literal command words, since Teams sends
 * the title as the message); test/teams/command-registry.test.ts keeps them in step.
 */
export const COMMAND_CATALOG = REGISTRY.help;
