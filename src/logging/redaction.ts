/**
 * What must never reach a log: secrets, tokens and redeem URLs (a redeem URL lets whoever holds it claim the
 * guest account). Structured fields are removed by path; free text is scrubbed by pattern as a second line.
 */
export const REDACTED_PATHS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'clientSecret',
  'client_secret',
  'authorization',
  'redeemUrl',
  'inviteRedeemUrl',
  'appPassword',
  'MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat(['req.headers.authorization', 'headers.authorization', 'headers.Authorization']);

const PATTERNS: [RegExp, string][] = [
  // Entra redeem links, in any cloud.
  [/https?:\/\/[^\s"'<>]*\/redeem\?[^\s"'<>]*/gi, '[redacted redeem URL]'],
  // JWTs (Bot Framework and Graph tokens).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  // "Bearer xyz" in copied headers.
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  // client_secret=… / password=… in form bodies and query strings.
  [/\b(client_secret|client_assertion|assertion|password|code)=[^&\s"]+/gi, '$1=[redacted]'],
];

export function scrubText(text: string): string {
  return PATTERNS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}
