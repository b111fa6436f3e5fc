import { ClientSecretCredential } from '@azure/identity';
import { ActivityHandler } from 'botbuilder';
import * as https from 'node:https';
import { invitationBody } from '../src/graph/graph-invitations';
import { existingUserFilter } from '../src/graph/user-filters';
import { USER_SELECT } from '../src/graph/user-mapping';
import { serveFloorBot } from './support/floor-stack';

/**
 * The second floor for GuestPass's invite turn: the echo bot's stack (floor-stack.ts) plus the least any inviting bot must do —
 * the directory lookup and the POST /invitations GuestPass sends (same filter, same body), on a keep-alive https
 * agent with a token kept until it nears expiry, and a one-line reply. No Graph SDK, store, policy, audit or
 * card. GuestPass's cost beyond this floor is its own; the echo bot's floor also counts the two Graph calls.
 *
 * Configured like GuestPass: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST,
 * GRAPH_BASE_URL (and NODE_EXTRA_CA_CERTS for a test CA).
 */
const env = process.env;
const graphOrigin = new URL(env.GRAPH_BASE_URL ?? 'https://graph.microsoft.com').origin;
const credential = new ClientSecretCredential(env.AZURE_TENANT_ID ?? '', env.AZURE_CLIENT_ID ?? '', env.AZURE_CLIENT_SECRET ?? '', {
  authorityHost: env.AZURE_AUTHORITY_HOST,
  disableInstanceDiscovery: true,
});
// An idle time of its own, without which Node ignores the server's Keep-Alive hint (as GuestPass's pool has).
const agent = new https.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
let token: { value: string; renewAt: number } | undefined;

async function bearer(): Promise<string> {
  if (!token || Date.now() >= token.renewAt) {
    const fresh = await credential.getToken(`${graphOrigin}/.default`);
    token = { value: fresh.token, renewAt: fresh.expiresOnTimestamp - 5 * 60_000 };
  }
  return token.value;
}

async function graph<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = { authorization: `Bearer ${await bearer()}`, accept: 'application/json' };
  if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(payload.byteLength) });
  return new Promise<T>((resolve, reject) => {
    const request = https.request(new URL(`/v1.0${path}`, graphOrigin), { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 0) >= 400) reject(new Error(`Graph answered ${response.statusCode}: ${text.slice(0, 200)}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

class MinimalInviterBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const email = String(context.activity.text ?? '').trim().split(/\s+/)[1] ?? '';
      const filter = encodeURIComponent(existingUserFilter(email));
      const found = await graph<{ value: unknown[] }>('GET', `/users?$filter=${filter}&$select=${USER_SELECT.join(',')}&$top=10`);
      let reply = `${email} is already in the directory`;
      if (found.value.length === 0) {
        const sponsor = context.activity.from.aadObjectId;
        const invitation = await graph<{ status?: string }>(
          'POST',
          '/invitations',
          invitationBody({
            email,
            redirectUrl: 'https://myapps.microsoft.com',
            sendEmail: true,
            messageLanguage: context.activity.locale ?? 'en-US',
            userType: 'Guest',
            sponsorIds: sponsor ? [sponsor] : [],
          }),
        );
        reply = `Invited ${email}: ${invitation.status ?? 'unknown status'}`;
      }
      await context.sendActivity({ type: 'message', text: reply });
      await next();
    });
  }
}

serveFloorBot('MinimalInviterBot', new MinimalInviterBot(), async (context, error) => {
  await context.sendActivity({ type: 'message', text: `failed: ${error.message}` });
});
