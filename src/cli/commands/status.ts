import { Command } from 'commander';
import { directoryErrorText, externalUserStateLabel, userTypeLabel } from '../../cards/labels';
import { translatorFor } from '../../i18n';
import { DirectoryUser } from '../../invitation/directory-user';
import { getGuestStatus, GuestStatus } from '../../invitation/guest-status';
import { CliExit, EXIT, exitForDirectoryError } from '../exit-codes';
import { Runner } from '../program';

/** `guestpass status <email or name>`: the chat command's answer, as text or JSON. Anyone may ask; no --as needed. */
export function registerStatus(program: Command, run: Runner): void {
  program
    .command('status')
    .description("a guest's invitation status: pending or accepted, and since when")
    .argument('<query>', 'an email address, or the start of a display name')
    .addHelpText('after', '\nExit code 2 when nobody matches.\n\nExample:\n  guestpass status jane@fabrikam.com --json')
    .action((query: string, _options: unknown, command: Command) =>
      run(command, async (session, out) => {
        const t = translatorFor('en');
        const outcome = await getGuestStatus(session.services.invitations, query);
        switch (outcome.kind) {
          case 'invalidAddress':
            throw new CliExit(EXIT.usage, `"${outcome.text}" is not an email address.`);
          case 'nameTooShort':
            throw new CliExit(EXIT.usage, `Give at least ${outcome.min} characters of the display name.`);
          case 'failed':
            throw new CliExit(exitForDirectoryError(outcome.error.kind), directoryErrorText(t, outcome.error.kind));
          case 'notFound':
            out.result({ found: false, guests: [] }, [`Nobody in the directory matches ${query.trim()}.`]);
            return EXIT.notDone;
          case 'found':
            out.result(
              { found: true, guests: outcome.guests.map(guestJson), more: outcome.more },
              outcome.guests.flatMap((guest) => guestLines(guest, (key, params) => t(key, params))),
            );
            return EXIT.ok;
        }
      }),
    );
}

function guestJson({ user, request, sponsors }: GuestStatus) {
  return { ...userJson(user), requestId: request?.id, invitedBy: request?.requester.displayName, sponsors: sponsors?.map((s) => s.displayName) };
}

export function userJson(user: DirectoryUser) {
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    userType: user.userType,
    externalUserState: user.externalUserState,
    externalUserStateChangedAt: user.externalUserStateChangedAt?.toISOString() ?? null,
    creationType: user.creationType,
  };
}

function guestLines({ user, request, sponsors }: GuestStatus, t: (key: string, params?: Record<string, unknown>) => string): string[] {
  const since = user.externalUserStateChangedAt ? ` since ${user.externalUserStateChangedAt.toISOString()}` : '';
  return [
    `${user.displayName} <${user.mail ?? user.userPrincipalName}>`,
    `  Object id:   ${user.id}`,
    `  User type:   ${userTypeLabel(t, user.userType)}`,
    `  Invitation:  ${externalUserStateLabel(t, user.externalUserState)}${since}`,
    ...(sponsors && sponsors.length > 0 ? [`  Sponsors:    ${sponsors.map((sponsor) => sponsor.displayName).join(', ')}`] : []),
    ...(request ? [`  GuestPass:   request ${request.id}, asked by ${request.requester.displayName}`] : []),
  ];
}
