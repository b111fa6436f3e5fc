import { CommandRegistry, REGISTRY } from '../handlers/registry';
import { PendingWork } from './pending-work';

export type DelegatedMode = 'delegated' | 'delegated-app-lookups';

/**
 * Whether `work` needs the person signed in before it runs, from what its command or button declares
 * (`graphRights`). In both delegated modes, what changes the directory carries the person's authority, so they
 * sign in first: an invitation that failed for want of a sign-in would be recorded as a failed request, while
 * asking first keeps the command and runs it once the person has signed in. Lookups need it only where they carry
 * the person's authority too. An unknown verb needs nothing: it is answered as unknown.
 */
export function needsSignIn(mode: DelegatedMode, work: PendingWork, registry: CommandRegistry = REGISTRY): boolean {
  switch (work.kind) {
    case 'command':
      return needed(mode, registry.commands.get(work.command.name)?.graphRights);
    case 'cardAction':
      return needed(mode, registry.cardActions.get(work.verb)?.graphRights);
    case 'file':
      // The preview looks up each address (verified domains); a bulk run is confirmed with its own button.
      return mode === 'delegated';
  }
}

function needed(mode: DelegatedMode, rights: 'none' | 'looksUp' | 'changes' | undefined): boolean {
  return rights === 'changes' || (mode === 'delegated' && rights === 'looksUp');
}
