import type { ActivationRequest } from '../core/pim-state.ts';
import { activationMemoryItem, recentItem } from '../platform/pim-items.ts';

const RECENT_ITEMS = 50;
const RECENT_JUSTIFICATIONS = 10;

/**
 * Remembers the user's choices so the next one-click activation of the item reuses them. A preset
 * runs several activations at once: each key is changed through its `update`, so none is lost.
 */
export async function rememberActivation(key: string, request: ActivationRequest): Promise<void> {
  const justification = request.justification.trim();
  const nowMs = Date.now();
  await Promise.all([
    activationMemoryItem.update((memory) => {
      memory.perItem[key] = {
        durationMinutes: request.durationMinutes,
        ...(justification ? { justification } : {}),
        ...(request.ticketSystem ? { ticketSystem: request.ticketSystem } : {}),
      };
      if (justification) {
        memory.recentJustifications = [
          justification,
          ...memory.recentJustifications.filter((j) => j !== justification),
        ].slice(0, RECENT_JUSTIFICATIONS);
      }
      return memory;
    }),
    recentItem.update((recent) => {
      recent[key] = nowMs;
      const newest = Object.entries(recent)
        .sort(([, a], [, b]) => b - a)
        .slice(0, RECENT_ITEMS);
      return Object.fromEntries(newest);
    }),
  ]);
}
