import { SCOPES } from '../auth/scopes.ts';
import { type AccessId, itemKey } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import { AppError } from '../core/result.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { readRequirement, readRequirements } from '../graph/pim.ts';
import { inMemory } from '../platform/in-memory.ts';
import { policiesItem } from '../platform/pim-items.ts';
import { describeFailure } from './failures.ts';
import { graphClient } from './graph.ts';
import { checkGroupId } from './request-checks.ts';
import { itemName } from './snapshot-store.ts';

// Policies rarely change; reading them once per group and keeping them for a working day keeps
// refreshes to one round trip. A policy error on activation re-reads the group's policy.
export const POLICY_LIFETIME_MS = 8 * 60 * 60_000;

const read = new GraphCallOptions(SCOPES.read, false);
/** The cached policies, from memory on the click path (in-memory.ts). Read only. */
const policiesNow = inMemory(policiesItem);

/** Reads the cached policies into memory now, if they are not there, so a click soon after finds them (click-path.ts). */
export const readPoliciesAhead = (): void => void policiesNow().catch(() => {});

/** Where policies are read when the cache lacks them: Graph, through the worker's client (tests pass their own). */
export interface PolicySource {
  readOne(item: { groupId: string; accessId: AccessId }): Promise<ActivationRequirements>;
  readMany(items: Array<{ groupId: string; accessId: AccessId }>): Promise<Map<string, ActivationRequirements>>;
}

const graphPolicies: PolicySource = {
  readOne: async (item) => readRequirement(await graphClient(), item, read),
  readMany: async (items) => readRequirements(await graphClient(), items, read),
};

/**
 * Stores what a read that began at `readAtMs` found, over what reads that began before it found:
 * a prefetch of a thousand policies outlasts an activation's fresh read of one, and its answer for
 * that group is the older one. (A policy stamped later than now is from before the clock went
 * back: it is replaced, or it would hold until the clock caught up.)
 */
async function store(found: Map<string, ActivationRequirements>, readAtMs: number): Promise<void> {
  if (found.size === 0) return;
  // Through the key's queue: a prefetch and an activation's fresh read may store at once.
  await policiesItem.update((policies) => {
    const now = Date.now();
    for (const [key, requirements] of found) {
      const stored = policies[key]?.fetchedAtMs;
      if (stored !== undefined && stored > readAtMs && stored <= now) continue;
      policies[key] = { requirements, fetchedAtMs: readAtMs };
    }
    return policies;
  });
}

/** The group's requirements for that access: cached, or read now (the error reaches the caller). */
export async function getRequirements(
  groupId: string,
  accessId: AccessId,
  options: { fresh?: boolean; source?: PolicySource } = {},
): Promise<ActivationRequirements> {
  // Whoever asks (a page, a preset, a queued re-activation): the id goes into a Graph `$filter`.
  checkGroupId(groupId);
  const key = itemKey(groupId, accessId);
  const cached = (await policiesNow())[key];
  if (cached && !options.fresh && Date.now() - cached.fetchedAtMs < POLICY_LIFETIME_MS) return cached.requirements;
  const readAtMs = Date.now();
  const requirements = await (options.source ?? graphPolicies).readOne({ groupId, accessId });
  await store(new Map([[key, requirements]]), readAtMs);
  return requirements;
}

/**
 * For a page asking before it shows the activation form: a failure comes back as the sentence an
 * activation would show (e.g. "no PIM policy for this group"), never as Graph's raw text.
 */
export async function requirementsForPage(
  groupId: string,
  accessId: AccessId,
  source: PolicySource = graphPolicies,
): Promise<ActivationRequirements> {
  try {
    return await getRequirements(groupId, accessId, { source });
  } catch (error) {
    const groupName = await itemName(itemKey(groupId, accessId));
    const failure = describeFailure(error, { operation: 'activate', groupName, accessId });
    throw new AppError(failure.code, failure.message);
  }
}

/** After a refresh: reads, in batches, the policies the cache lacks or holds too long. */
export async function prefetchRequirements(
  items: Array<{ groupId: string; accessId: AccessId }>,
  source: PolicySource = graphPolicies,
): Promise<void> {
  const policies = await policiesItem.get();
  const now = Date.now();
  const missing = items.filter((i) => {
    const cached = policies[itemKey(i.groupId, i.accessId)];
    return !cached || now - cached.fetchedAtMs >= POLICY_LIFETIME_MS;
  });
  if (missing.length === 0) return;
  const readAtMs = Date.now();
  await store(await source.readMany(missing), readAtMs);
}
