import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * JWT-shaped tokens for the local fakes: `header.payload.signature` in base64url, signed
 * with HMAC-SHA256 under a per-instance random key. They look and decode like Entra tokens,
 * and only the issuing fake can vouch for them.
 */
export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: JwtClaims;
  signature: string;
}

export class JwtSigner {
  private readonly key = randomBytes(32);
  /** Key id written into the header, so tokens of different fakes are told apart. */
  readonly keyId = randomBytes(8).toString('hex');

  sign(payload: JwtClaims): string {
    const header = base64UrlJson({ typ: 'JWT', alg: 'HS256', kid: this.keyId });
    const body = base64UrlJson(payload);
    return `${header}.${body}.${this.signature(`${header}.${body}`)}`;
  }

  /** True when this signer produced the token (its payload may still be expired). */
  verifies(token: string): boolean {
    const parts = token.split('.');
    if (parts.length !== 3) return false;
    const expected = Buffer.from(this.signature(`${parts[0]}.${parts[1]}`));
    const actual = Buffer.from(parts[2]!);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private signature(signingInput: string): string {
    return createHmac('sha256', this.key).update(signingInput).digest('base64url');
  }
}

/** Decodes any compact JWT without checking its signature; throws on a malformed one. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('Not a compact JWT (expected header.payload.signature)');
  const json = (part: string): Record<string, unknown> => {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('JWT part is not a JSON object');
    return value as Record<string, unknown>;
  };
  return { header: json(parts[0]!), payload: json(parts[1]!), signature: parts[2]! };
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
