import { randomInt } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so an id read aloud or retyped is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** A short, random, typable request id (`cancel 7KQ2M9XD`); 40 bits make collisions negligible at this scale. */
export function newRequestId(): string {
  let id = '';
  for (let i = 0; i < LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
