import type { ActivationRequest } from '../core/pim-state.ts';
import { activationMemoryItem, recentItem } from '../platform/pim-items.ts';

const RECENT_ITEMS = 50;
const RECENT_JUSTIFICATIONS = 10;

/** Remembers the user's choices so the next one-click activation of the item reuses them. */
export async function rememberActivation(key: string, request: ActivationRequest): Promise<void> {
  const memory = await activationMemoryItem.get();
  const justification = request.justification.trim();
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
  const recent = await recentItem.get();
  recent[key] = Date.now();
  const newest = Object.entries(recent)
    .sort(([, a], [, b]) => b - a)
    .slice(0, RECENT_ITEMS);
  await Promise.all([activationMemoryItem.set(memory), recentItem.set(Object.fromEntries(newest))]);
}
