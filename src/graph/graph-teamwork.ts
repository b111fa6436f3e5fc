import { PersonalChatPort } from '../invitation/personal-chat-port';
import { GraphConnection } from './graph-client';
import { toDirectoryError } from './graph-errors';
import { encodeQueryValue, odataString } from './odata';

export interface GraphTeamworkOptions {
  /** The app's id in the tenant's Teams app catalog, when configured (`TEAMS_APP_CATALOG_ID`). */
  catalogAppId?: string;
  /** The manifest's `id` (GuestPass's manifest uses the bot id), to look the catalog id up by when not configured. */
  manifestAppId?: string;
}

interface Page<T> {
  value?: T[];
}

/**
 * GuestPass installing itself for a person (`TeamsAppInstallation.ReadWriteSelfForUser.All`), then the personal
 * chat that installation has: `POST /users/{id}/teamwork/installedApps`, then
 * `GET /users/{id}/teamwork/installedApps/{installation id}/chat`. The installation names the app by its catalog
 * id, which Teams gives an organization's app when it is uploaded and which differs from the manifest id; without
 * `TEAMS_APP_CATALOG_ID` it is looked up once by the manifest id (`externalId`, needs `AppCatalog.Read.All`).
 */
export class GraphTeamwork implements PersonalChatPort {
  private catalogAppId: Promise<string> | undefined;

  constructor(
    private readonly graph: GraphConnection,
    private readonly options: GraphTeamworkOptions,
  ) {
    if (options.catalogAppId) this.catalogAppId = Promise.resolve(options.catalogAppId);
  }

  async openPersonalChat(userId: string): Promise<string> {
    const appId = await this.appInCatalog();
    const installedApps = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
    try {
      await this.graph.api(installedApps).post({ 'teamsApp@odata.bind': `${this.graph.baseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(appId)}` });
    } catch (error) {
      // 409: the app is already installed for them (they removed the chat, or installed it themselves).
      if (statusOf(error) !== 409) throw toDirectoryError(error, 'lookup');
    }
    try {
      const installations = (await this.graph
        .api(installedApps)
        .expand('teamsApp')
        .filter(encodeQueryValue(`teamsApp/id eq ${odataString(appId)}`))
        .get()) as Page<{ id?: string }>;
      const installationId = installations.value?.[0]?.id;
      if (!installationId) throw Object.assign(new Error('The installation just made is not listed'), { statusCode: 404, code: 'NotFound' });
      const chat = (await this.graph.api(`${installedApps}/${encodeURIComponent(installationId)}/chat`).get()) as { id?: string };
      if (!chat.id) throw Object.assign(new Error('The installation has no chat'), { statusCode: 404, code: 'NotFound' });
      return chat.id;
    } catch (error) {
      throw toDirectoryError(error, 'lookup');
    }
  }

  /** Looked up once; a failed lookup is forgotten, so the next approval card tries again. */
  private appInCatalog(): Promise<string> {
    this.catalogAppId ??= this.lookUpCatalogAppId().catch((error: unknown) => {
      this.catalogAppId = undefined;
      throw error;
    });
    return this.catalogAppId;
  }

  private async lookUpCatalogAppId(): Promise<string> {
    const { manifestAppId } = this.options;
    if (!manifestAppId) throw toDirectoryError({ statusCode: 404, code: 'NotFound' }, 'lookup');
    try {
      const apps = (await this.graph
        .api('/appCatalogs/teamsApps')
        .filter(encodeQueryValue(`externalId eq ${odataString(manifestAppId)}`))
        .get()) as Page<{ id?: string }>;
      const id = apps.value?.[0]?.id;
      if (!id) throw Object.assign(new Error('GuestPass is not in the tenant app catalog'), { statusCode: 404, code: 'NotFound' });
      return id;
    } catch (error) {
      throw toDirectoryError(error, 'lookup');
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
