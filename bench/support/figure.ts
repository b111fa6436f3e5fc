import { round } from './stats';

/** Turns that did not do what was asked, out of all measured turns of one bot. */
export interface FailedTurns {
  failed: number;
  turns: number;
}

/** One benchmark figure beside the floor it is judged against, both measured in the same run. */
export interface Figure {
  /** Stable key for the JSON, e.g. `turn.p99`. */
  id: string;
  label: string;
  unit: string;
  /** The measured figure: GuestPass's, or a floor's against a lower one. */
  value: number;
  /** What GuestPass is compared with. */
  floor: number;
  floorLabel: string;
  /** value / floor. */
  ratio: number;
  /** The highest acceptable ratio, when the issue sets one. */
  target?: number;
  /** The target as the issue words it, when that reads better than a ratio (e.g. `p99 < 5 s`). */
  targetLabel?: string;
  met?: boolean;
  /** For turn figures: the failed turns of the measured bot and of the floor (when it has turns), counted in the figures. */
  failedTurns?: { value: FailedTurns; floor?: FailedTurns };
  note?: string;
}

export function figure(spec: Omit<Figure, 'ratio' | 'met'>): Figure {
  const ratio = spec.floor > 0 ? spec.value / spec.floor : Number.NaN;
  return {
    ...spec,
    value: round(spec.value),
    floor: round(spec.floor),
    ratio: round(ratio),
    ...(spec.target !== undefined ? { met: ratio <= spec.target } : {}),
  };
}
