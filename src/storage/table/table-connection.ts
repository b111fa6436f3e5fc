import { TableClient, TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, TokenCredential } from '@azure/identity';
import { hasStatus } from './table-errors';

/** Where the tables are; one of `connectionString` and `accountUrl` is required. */
export interface TableStoreSettings {
  /** Account key or SAS connection string (Azure Storage, Cosmos DB for Table, or Azurite). */
  connectionString?: string;
  /** e.g. `https://<account>.table.core.windows.net` or `https://<account>.table.cosmos.azure.com`. */
  accountUrl?: string;
  /** Starts every table name, so several deployments (or test runs) can share one account. */
  tablePrefix: string;
  /** With `accountUrl`: the Microsoft Entra credential; `DefaultAzureCredential` when omitted. */
  credential?: TokenCredential;
}

/** Opens clients for the tables of one deployment. */
export type TableOpener = (suffix: string) => TableClient;

export function tableOpener(settings: TableStoreSettings): TableOpener {
  const { connectionString, accountUrl, tablePrefix } = settings;
  if (connectionString) {
    const options: TableServiceClientOptions = { allowInsecureConnection: isLoopbackHttp(connectionString) };
    return (suffix) => TableClient.fromConnectionString(connectionString, tablePrefix + suffix, options);
  }
  if (accountUrl) {
    // DefaultAzureCredential: the App Service managed identity in Azure (a user-assigned one when AZURE_CLIENT_ID
    // names it), `az login` on a workstation. It tries environment credentials first, so when AZURE_CLIENT_SECRET
    // is set for Graph, that app registration is the one that needs the data role.
    const credential = settings.credential ?? new DefaultAzureCredential();
    return (suffix) => new TableClient(accountUrl, tablePrefix + suffix, credential);
  }
  throw new Error('The table store needs a connection string or an account URL');
}

/**
 * Plain http is allowed only to this machine (Azurite): a connection string with an account key signs requests,
 * and sending them, and the data, unencrypted to another host would be a mistake worth refusing.
 */
function isLoopbackHttp(connectionString: string): boolean {
  if (/(^|;)\s*UseDevelopmentStorage=true/i.test(connectionString)) return true;
  const endpoint = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  if (!endpoint) return false;
  try {
    const url = new URL(endpoint.trim());
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Creates the table if it is missing (an existing one is fine: the SDK ignores 409 TableAlreadyExists, so several
 * instances starting at once do not trip over each other). Identities with data-only rights cannot create tables
 * (Cosmos DB's data-plane roles never can): then the table must already exist, which one cheap query confirms.
 */
export async function ensureTable(client: TableClient): Promise<void> {
  try {
    await client.createTable();
    return;
  } catch (createError) {
    try {
      await client.listEntities({ queryOptions: { select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 }).next();
    } catch (probeError) {
      const hint = hasStatus(probeError, 404) ? 'it does not exist and could not be created' : 'it cannot be reached';
      throw new Error(`Table ${client.tableName}: ${hint} (${summary(createError)})`, { cause: createError });
    }
  }
}

/** Status, service error code and message of a failure in one line (the service sends its message as XML or JSON). */
function summary(error: unknown): string {
  const { statusCode, code, details } = (error ?? {}) as RestErrorLike;
  const message = String((error as RestErrorLike | undefined)?.message ?? error);
  const text = /<Message>([^\n<]*)/.exec(message)?.[1] ?? /"value":\s*"([^"\\]*)/.exec(message)?.[1] ?? message.split('\n')[0];
  return [statusCode, details?.errorCode ?? code, text].filter((part) => part !== undefined && part !== '').join(' ');
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  details?: { errorCode?: string };
  message?: string;
}
