import { AuthenticationConstants } from 'botframework-connector';
// Not exported from the package's index; botbuilder-js is archived, so these internals no longer move.
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector/lib/auth/tokenValidationParameters';

/** The issuers the SDK adds for a tenant, in its own forms (EmulatorValidation.isTokenFromEmulator). */
function issuersOf(tenantId: string): string[] {
  return [
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${tenantId}/`,
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV1}${tenantId}/`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
  ];
}

/**
 * Stops botframework-connector from growing its list of Emulator and skill token issuers at a caller's word.
 * Before checking a token's signature, the SDK adds the issuers of whatever tenant the token's `tid` names to a
 * list kept for the life of the process (so that a single-tenant bot works with the Emulator), and compares
 * every later `tid` with the whole list: unsigned tokens naming new tenants grow memory and CPU without bound.
 * The bot's own tenant, the one that addition is for, is put there once; nothing else is added.
 */
export function fixTokenIssuers(botTenantId: string | undefined): void {
  const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];
  if (botTenantId) {
    for (const issuer of issuersOf(botTenantId)) if (!issuers.includes(issuer)) Array.prototype.push.call(issuers, issuer);
  }
  Object.defineProperty(issuers, 'push', { value: () => issuers.length, configurable: true, writable: true });
}
