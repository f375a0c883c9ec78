import type { BackendUsage } from '../ports.js';

/**
 * What a backend used between two readings of its (cumulative) usage: the resources of
 * one run when a backend serves several (`var --date a,b,c`). A fleet's start-up, and an
 * EC2 instance's minimum billed seconds, belong to the first run that paid for them, so
 * the runs' costs add up to what the backend cost.
 */
export function usageSince(before: BackendUsage, after: BackendUsage): BackendUsage {
  const instanceSeconds: Record<string, number> = {};
  for (const [instanceType, seconds] of Object.entries(after.instanceSeconds ?? {})) {
    const used = seconds - (before.instanceSeconds?.[instanceType] ?? 0);
    if (used > 0) instanceSeconds[instanceType] = used;
  }
  return {
    backend: after.backend,
    ...(after.invocations === undefined ? {} : { invocations: after.invocations - (before.invocations ?? 0) }),
    ...(after.billedMs === undefined ? {} : { billedMs: after.billedMs - (before.billedMs ?? 0) }),
    ...(after.memoryMb === undefined ? {} : { memoryMb: after.memoryMb }),
    ...(after.architecture === undefined ? {} : { architecture: after.architecture }),
    ...(after.instanceSeconds === undefined ? {} : { instanceSeconds }),
    ...(after.startupMs === undefined || before.startupMs !== undefined ? {} : { startupMs: after.startupMs }),
  };
}
