/**
 * The `surprises` scenario: the demo tenant as it is, plus what real Graph may hand the extension
 * that the demo does not show (issue 17):
 * - a **deleted group**, "SG-Decommissioned-Reporting", that Adele is still eligible for: Graph
 *   lists the eligibility, `$expand=group` comes back `null`, the group has no policy, and an
 *   activation is refused with `400 InvalidRoleAssignmentRequest` "Group '…' was not found.";
 * - a **scheduled activation**: Adele's request for Helpdesk Tier 2 was `Granted` to start in
 *   2 hours for 1 hour; its instance appears when the emulator's clock reaches the start.
 * The demo's groups, users and ids are unchanged, so the demo's tables stay true for it.
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../contract.ts';
import { validateScenario } from './schema.ts';

export const SURPRISES = {
  deletedGroup: { id: '19d4e0f8-3b4c-4d5e-8f60-7a8b9c0d1e17', displayName: 'SG-Decommissioned-Reporting' },
  /** Helpdesk Tier 2 in the demo. */
  scheduledGroupId: '2a5b8d3f-4c6e-4f70-9b0c-1d2e3f4a5b02',
  scheduledStart: '+PT2H',
  scheduledDuration: 'PT1H',
} as const;

export function surprisesScenario(): Scenario {
  const demo = validateScenario(JSON.parse(readFileSync(new URL('./demo.json', import.meta.url), 'utf8')), 'demo.json');
  const adele = demo.users[0];
  if (!adele) throw new Error('demo.json needs a user');
  const s: Scenario = {
    ...demo,
    name: 'surprises',
    groups: [...demo.groups, { ...SURPRISES.deletedGroup, deleted: true }],
    eligibilities: [
      ...demo.eligibilities,
      { principalId: adele.id, groupId: SURPRISES.deletedGroup.id, accessId: 'member', startDateTime: '-P30D' },
    ],
    requests: [
      ...(demo.requests ?? []),
      {
        principalId: adele.id,
        groupId: SURPRISES.scheduledGroupId,
        accessId: 'member',
        status: 'Granted',
        justification: 'Planned maintenance window',
        createdDateTime: '-PT10M',
        startDateTime: SURPRISES.scheduledStart,
        duration: SURPRISES.scheduledDuration,
      },
    ],
  };
  return validateScenario(s, 'surprises');
}
