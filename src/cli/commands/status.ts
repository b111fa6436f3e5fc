import { Command } from 'commander';
import { governedStateText } from '../../cards/governed-guest-facts';
import { directoryErrorText, externalUserStateLabel, userTypeLabel } from '../../i18n/labels';
import { Translate } from '../../i18n';
import { DirectoryUser } from '../../invitation/directory-user';
import { getGuestStatus, GuestStatus } from '../../invitation/guest-status';
import { CliExit, EXIT, exitForDirectoryError } from '../exit-codes';
import { Runner } from '../program';

/** `guestpass status <email or name>`: the chat command's answer, as text or JSON. Anyone may ask; no --as needed. */
export function registerStatus(program: Command, run: Runner, t: Translate): void {
  program
    .command('status')
    .description(t('cli:help.status.description'))
    .argument('<query>', t('cli:help.status.query'))
    .addHelpText('after', t('cli:help.status.after'))
    .action((query: string, _options: unknown, command: Command) =>
      run(command, async (session, out) => {
        const { t } = out;
        const outcome = await getGuestStatus(session.services.invitations, query);
        switch (outcome.kind) {
          case 'invalidAddress':
            throw new CliExit(EXIT.usage, t('cli:invalidAddress', { text: outcome.text }));
          case 'nameTooShort':
            throw new CliExit(EXIT.usage, t('cli:status.nameTooShort', { count: outcome.min }));
          case 'failed':
            throw new CliExit(exitForDirectoryError(outcome.error.kind), directoryErrorText(t, outcome.error.kind));
          case 'notFound':
            out.result({ found: false, guests: [] }, [t('cli:status.notFound', { query: query.trim() })]);
            return EXIT.notDone;
          case 'found':
            out.result(
              { found: true, guests: outcome.guests.map(guestJson), more: outcome.more },
              outcome.guests.flatMap((guest) => guestLines(guest, t)),
            );
            return EXIT.ok;
        }
      }),
    );
}

/** A governed guest's end of access is the truth once a sponsor kept or extended it; the request keeps the first. */
function guestJson({ user, request, sponsors, governed }: GuestStatus) {
  return {
    ...userJson(user),
    requestId: request?.id,
    invitedBy: request?.requester.displayName,
    accessEndsAt: governed ? governed.accessEndsAt : request?.access?.endsAt,
    sponsors: sponsors?.map((s) => s.displayName),
    lifecycle: governed && {
      state: governed.state,
      redemption: governed.redemption,
      disabledAt: governed.disabledAt,
      deleteAt: governed.deleteAt,
      deletedAt: governed.deletedAt,
      removalReason: governed.removalReason,
    },
  };
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

function guestLines({ user, request, sponsors, governed }: GuestStatus, t: Translate): string[] {
  const accessEndsAt = governed ? governed.accessEndsAt : request?.access?.endsAt;
  const state = externalUserStateLabel(t, user.externalUserState);
  const fields: [string, string][] = [
    [t('cli:status.objectId'), user.id],
    [t('cli:status.userType'), userTypeLabel(t, user.userType)],
    [t('cli:status.invitation'), user.externalUserStateChangedAt ? t('cli:status.since', { state, at: user.externalUserStateChangedAt.toISOString() }) : state],
    ...(sponsors && sponsors.length > 0 ? [[t('cli:status.sponsors'), sponsors.map((sponsor) => sponsor.displayName).join(', ')] as [string, string]] : []),
    ...(request ? [[t('cli:status.request'), t('cli:status.requestBy', { id: request.id, name: request.requester.displayName })] as [string, string]] : []),
    ...(governed ? [[t('cli:status.access'), governedStateText(t, governed, isoDate)] as [string, string]] : []),
    ...(accessEndsAt ? [[t('cli:status.accessEnds'), accessEndsAt] as [string, string]] : []),
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return [`${user.displayName} <${user.mail ?? user.userPrincipalName}>`, ...fields.map(([label, value]) => `  ${`${label}:`.padEnd(width)}  ${value}`)];
}

/** The command line gives instants as ISO 8601, as everywhere else in its output. */
const isoDate = (at: string | Date) => new Date(at).toISOString();
