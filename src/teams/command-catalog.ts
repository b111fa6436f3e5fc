/** The commands `help` lists (the manifest's command lists name the same ones). */
export const COMMAND_CATALOG: { usage: string; descriptionKey: string }[] = [
  { usage: 'invite <email> [display name] [options]', descriptionKey: 'help.invite' },
  { usage: 'invite', descriptionKey: 'help.inviteForm' },
  { usage: 'status <email>', descriptionKey: 'help.status' },
  { usage: 'requests', descriptionKey: 'help.requests' },
  { usage: 'my requests', descriptionKey: 'help.myRequests' },
  { usage: 'cancel <request id>', descriptionKey: 'help.cancel' },
  { usage: 'audit [n]', descriptionKey: 'help.audit' },
  { usage: 'help', descriptionKey: 'help.help' },
];
