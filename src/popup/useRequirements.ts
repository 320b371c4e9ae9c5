import { useRef } from 'preact/hooks';
import type { GroupItem } from '../core/pim-state.ts';
import type { ActivationRequirements } from '../core/policy.ts';
import type { Result } from '../core/result.ts';
import { sendMessage } from '../platform/messages.ts';
import type { Policies } from './usePopupData.ts';

export interface RequirementsLookup {
  /** Cached policy, else the background's answer; asked once per item while the popup is open. */
  get(item: GroupItem): Promise<Result<ActivationRequirements>>;
  /** What is known already, without waiting (a form opened after a lookup shows it in its first frame). */
  peek(key: string): ActivationRequirements | undefined;
}

/**
 * An item's activation requirements: from the cached policies when there, else asked of the
 * background once per item while the popup is open (a failed answer is not kept, so a retry asks again).
 */
export function useRequirements(policies: () => Policies): RequirementsLookup {
  const lookup = useRef<RequirementsLookup | null>(null);
  if (!lookup.current) {
    const asked = new Map<string, Promise<Result<ActivationRequirements>>>();
    const answered = new Map<string, ActivationRequirements>();
    const peek = (key: string) => policies()[key]?.requirements ?? answered.get(key);
    lookup.current = {
      peek,
      get(item) {
        const known = peek(item.key);
        if (known) return Promise.resolve({ ok: true, value: known });
        let pending = asked.get(item.key);
        if (!pending) {
          pending = sendMessage('getRequirements', { groupId: item.groupId, accessId: item.accessId }).then(
            (result) => {
              if (result.ok) answered.set(item.key, result.value);
              else asked.delete(item.key);
              return result;
            },
          );
          asked.set(item.key, pending);
        }
        return pending;
      },
    };
  }
  return lookup.current;
}
