/**
 * The commands `help` lists. The manifest's command lists name the same commands (their titles are the literal
 * command words, since Teams sends the title as the message), and a test keeps the three in step.
 */
export const COMMAND_CATALOG: { usage: string; descriptionKey: string }[] = [
  { usage: 'invite <email> [display name] [options]', descriptionKey: 'help.invite' },
  { usage: 'invite', descriptionKey: 'help.inviteForm' },
  { usage: 'status <email or name>', descriptionKey: 'help.status' },
  { usage: 'pending', descriptionKey: 'help.pending' },
  { usage: 'requests', descriptionKey: 'help.requests' },
  { usage: 'my requests', descriptionKey: 'help.myRequests' },
  { usage: 'resend <email>', descriptionKey: 'help.resend' },
  { usage: 'link <email>', descriptionKey: 'help.link' },
  { usage: 'reset <email> [new email]', descriptionKey: 'help.reset' },
  { usage: 'cancel <request id>', descriptionKey: 'help.cancel' },
  { usage: 'audit [n]', descriptionKey: 'help.audit' },
  { usage: 'help', descriptionKey: 'help.help' },
];
