// Sizes a run may have, shared by the protocol, the planner and the command-line checks
// (kept apart so importing a limit loads nothing else).

/** Most draws in one run (1e11); block indices stay far below 2^31. */
export const MAX_SIMS = 1e11;
/** Most shards in one run: keeps planning, payloads and the shard table bounded. */
export const MAX_RESOURCES = 10_000;
