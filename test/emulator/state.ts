import { AuthorityStore } from './authority/store.ts';
import type { Clock, GraphService, Scenario } from './contract.ts';
import { FaultStore } from './faults.ts';
import type { SigningKeys } from './keys.ts';
import { RequestLog } from './request-log.ts';

export interface Settings {
  tokenLifetimeSeconds: number;
  /** Authorize behaves as if this user had a browser session (headless demos). */
  autoSignIn: string | null;
  /** Step-up (MFA / auth context) pages are approved without showing them. */
  autoApproveMfa: boolean;
}

export const DEFAULT_SETTINGS: Settings = { tokenLifetimeSeconds: 3600, autoSignIn: null, autoApproveMfa: false };

/** Everything a request handler may need. `reset()` replaces the scenario-bound parts in place. */
export interface EmuState {
  scenario: Scenario;
  clock: Clock;
  graph: GraphService;
  keys: SigningKeys;
  settings: Settings;
  authority: AuthorityStore;
  faults: FaultStore;
  log: RequestLog;
}

/** Fresh per-scenario state around long-lived parts (clock object, signing keys). */
export function scenarioState(
  scenario: Scenario,
  clock: Clock,
  keys: SigningKeys,
  createGraph: (s: Scenario, c: Clock) => GraphService,
): EmuState {
  const start = scenario.startTime ? Date.parse(scenario.startTime) : Number.NaN;
  clock.set(Number.isNaN(start) ? Date.now() : start);
  return {
    scenario,
    clock,
    graph: createGraph(scenario, clock),
    keys,
    settings: { ...DEFAULT_SETTINGS },
    authority: new AuthorityStore(),
    faults: new FaultStore(),
    log: new RequestLog(),
  };
}

export function findUser(state: EmuState, idOrUpn: string | undefined) {
  if (!idOrUpn) return undefined;
  const key = idOrUpn.toLowerCase();
  return state.scenario.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
}

export function findClient(state: EmuState, clientId: string | undefined) {
  if (!clientId) return undefined;
  return state.scenario.clients.find((c) => c.clientId.toLowerCase() === clientId.toLowerCase());
}

/** The scenario tenant matches by id or domain; `common` and `organizations` are accepted as Entra's aliases. */
export function tenantKnown(state: EmuState, tenant: string): boolean {
  const t = tenant.toLowerCase();
  const { id, domain } = state.scenario.tenant;
  return t === id.toLowerCase() || t === domain.toLowerCase() || t === 'common' || t === 'organizations';
}
