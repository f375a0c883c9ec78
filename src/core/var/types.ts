// What every VaR method reports, per confidence level label ("95", "99", ...).

/** VaR and ES as positive loss fractions of the position's value, keyed by level label. */
export interface MethodEstimate {
  readonly var: Record<string, number>;
  /** null where the method defines no ES (Cornish-Fisher). */
  readonly es: Record<string, number | null>;
}

export const VAR_METHODS = ['mc', 'historical', 'parametric', 'cornish-fisher'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];
