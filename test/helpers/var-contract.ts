/** The keys of the contract's `var` JSON, in its order (CONTRACTS.md, "Output"). */
export const VAR_RESULT_KEYS = [
  'resultId',
  'ticker',
  'date',
  'action',
  'position',
  'price',
  'shares',
  'history',
  'sims',
  'resources',
  'backend',
  'seed',
  'mean',
  'std',
  'methods',
  'varAmount',
  'elapsedMs',
  'shards',
  'cost',
  'createdAt',
] as const;

/** The keys that depend only on the inputs and the seed: equal for every run of the same request. */
export const VAR_DETERMINISTIC_KEYS = VAR_RESULT_KEYS.filter((key) => !['resultId', 'elapsedMs', 'shards', 'cost', 'createdAt'].includes(key));
