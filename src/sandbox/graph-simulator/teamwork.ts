import { randomUUID } from 'node:crypto';

/** An app in the tenant's Teams app catalog: `id` is the catalog's, `externalId` the manifest's. */
export interface SimulatedTeamsApp {
  id: string;
  externalId: string;
  displayName: string;
}

/** One app installed in one person's personal scope, with the 1:1 chat Teams makes for it. */
export interface SimulatedInstallation {
  id: string;
  userId: string;
  teamsAppId: string;
  chatId: string;
  createdDateTime: string;
}

/**
 * The Teams side of the simulated tenant: the app catalog and personal-scope installations. The permissions are
 * settings, so a test can take one away and see the 403 Graph gives an app without it.
 */
export class SimulatedTeamwork {
  readonly apps: SimulatedTeamsApp[];
  readonly installations: SimulatedInstallation[] = [];
  /** `TeamsAppInstallation.ReadWriteSelfForUser.All` granted: installing and listing personal installations. */
  installationAllowed = true;
  /** `AppCatalog.Read.All` granted: listing the catalog. */
  catalogReadAllowed = true;

  constructor(apps: SimulatedTeamsApp[] = [], private readonly now: () => Date = () => new Date()) {
    this.apps = apps.map((app) => ({ ...app }));
  }

  findApp(id: string): SimulatedTeamsApp | undefined {
    return this.apps.find((app) => app.id === id);
  }

  installationsOf(userId: string): SimulatedInstallation[] {
    return this.installations.filter((installation) => installation.userId === userId);
  }

  /** Installs the app for the user; undefined when it already is (Graph's 409). */
  install(userId: string, teamsAppId: string): SimulatedInstallation | undefined {
    if (this.installationsOf(userId).some((installation) => installation.teamsAppId === teamsAppId)) return undefined;
    const installation: SimulatedInstallation = {
      id: Buffer.from(`${userId}##${teamsAppId}##${randomUUID()}`).toString('base64url'),
      userId,
      teamsAppId,
      // The shape of a bot's one-to-one chat id in Teams.
      chatId: `19:${userId}_${teamsAppId}@unq.gbl.spaces`,
      createdDateTime: this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.installations.push(installation);
    return installation;
  }
}
