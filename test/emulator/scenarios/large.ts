/**
 * The `large` scenario: the demo tenant, users and clients with 1,000 eligible groups (instead
 * of the demo groups) for the demo user,
 * generated from a fixed seed (so ids and policies are the same on every run) instead of a huge
 * committed JSON file. Policies cycle through the same combinations as the demo.
 */
import { readFileSync } from 'node:fs';
import type { Scenario } from '../contract.ts';
import { validateScenario } from './schema.ts';

/** mulberry32: tiny, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function guid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const AREAS = ['Prod', 'Dev', 'Test', 'UAT', 'DR'];
const SYSTEMS = ['SQL', 'Web', 'AKS', 'KeyVault', 'Storage', 'Network', 'Backup', 'Monitoring', 'ERP', 'CRM'];
const ROLES = ['Admins', 'Operators', 'Readers', 'Deployers', 'Owners'];
const MAX = ['PT1H', 'PT2H', 'PT4H', 'PT8H', 'PT12H', 'PT24H'];
const RULES: string[][] = [
  [],
  ['Justification'],
  ['Justification', 'Ticketing'],
  ['Justification', 'MultiFactorAuthentication'],
];

export const LARGE_GROUP_COUNT = 1000;
/** The `hundreds` scenario: a tenant of a size many organisations have, generated the same way. */
export const HUNDREDS_GROUP_COUNT = 300;

export function generateLargeScenario(count = LARGE_GROUP_COUNT, seed = 20_261_130, name = 'large'): Scenario {
  const demo = validateScenario(JSON.parse(readFileSync(new URL('./demo.json', import.meta.url), 'utf8')), 'demo.json');
  const user = demo.users[0];
  const approver = demo.users[1];
  if (!user || !approver) throw new Error('demo.json needs at least two users');
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const s: Scenario = {
    ...demo,
    name,
    groups: [],
    policies: [],
    eligibilities: [],
    assignments: [],
    requests: [],
  };
  for (let i = 0; i < count; i++) {
    const id = guid(rand);
    const n = String(i + 1).padStart(4, '0');
    s.groups.push({ id, displayName: `SG-${pick(AREAS)}-${pick(SYSTEMS)}-${pick(ROLES)}-${n}` });
    const approval = i % 17 === 0;
    const accessId = i % 10 === 9 ? 'owner' : 'member';
    s.policies.push({
      groupId: id,
      accessId,
      maximumDuration: pick(MAX),
      enabledRules: pick(RULES),
      approvalRequired: approval,
      approvers: approval ? [approver.id] : [],
      authenticationContext: i % 23 === 0 ? 'c1' : null,
    });
    s.eligibilities.push({
      principalId: user.id,
      groupId: id,
      accessId,
      startDateTime: '-P30D',
      endDateTime: i % 13 === 0 ? `+P${1 + (i % 9)}D` : null,
    });
    if (i % 50 === 0) {
      s.assignments.push({
        principalId: user.id,
        groupId: id,
        accessId,
        assignmentType: 'activated',
        startDateTime: '-PT1H',
        endDateTime: '+PT1H',
      });
    }
  }
  return s;
}
