/**
 * The commands `help` lists. The manifest's command lists name the same commands (their titles are the literal
 * command words, since Teams sends the title as the message), and a test keeps the three in step.
 * Placeholders are in capitals: Teams and the Playground read `<email>` as an HTML tag and drop it.
 */
export const COMMAND_CATALOG: { usage: string; descriptionKey: string }[] = [
  { usage: 'invite EMAIL [DISPLAY NAME] [options]', descriptionKey: 'help.invite' },
  { usage: 'invite', descriptionKey: 'help.inviteForm' },
  { usage: 'status EMAIL-OR-NAME', descriptionKey: 'help.status' },
  { usage: 'pending', descriptionKey: 'help.pending' },
  { usage: 'requests', descriptionKey: 'help.requests' },
  { usage: 'my requests', descriptionKey: 'help.myRequests' },
  { usage: 'my guests', descriptionKey: 'help.myGuests' },
  { usage: 'resend EMAIL', descriptionKey: 'help.resend' },
  { usage: 'link EMAIL', descriptionKey: 'help.link' },
  { usage: 'reset EMAIL [NEW-EMAIL]', descriptionKey: 'help.reset' },
  { usage: 'cancel REQUEST-ID', descriptionKey: 'help.cancel' },
  { usage: 'audit [N]', descriptionKey: 'help.audit' },
  { usage: 'orphans', descriptionKey: 'help.orphans' },
  { usage: 'restore EMAIL [DAYS]', descriptionKey: 'help.restore' },
  { usage: 'help', descriptionKey: 'help.help' },
];
