/**
 * A small seeded pseudo-random generator (mulberry32). Fault injection, kill points and fuzzing draw from it so a
 * failing run can be replayed with the same seed; Math.random cannot be seeded.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for this run: `TEST_SEED` when given (to replay a failure), otherwise `fallback`. */
export function testSeed(fallback: number): number {
  const given = Number(process.env.TEST_SEED);
  return Number.isInteger(given) ? given : fallback;
}
