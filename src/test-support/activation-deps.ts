import { vi } from 'vitest';
import type { ActivationDeps } from '../background/activation.ts';

/**
 * An activation's dependencies for a test that answers the POST itself (`post`): no earlier
 * requests, no follow-up refresh, no list read under way.
 */
export function activationDeps(): ActivationDeps & { post: ReturnType<typeof vi.fn<ActivationDeps['post']>> } {
  return {
    post: vi.fn<ActivationDeps['post']>(),
    requestsFor: async () => [],
    refresh: async () => undefined,
    listReadEnded: async () => undefined,
  };
}
