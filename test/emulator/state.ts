import { AuthorityStore } from './authority/store.ts';
import type { Clock, GraphService, Scenario } from './contract.ts';
import { FaultStore } from './faults.ts';
import type { SigningKeys } from './keys.ts';
import { RequestLog } from './request-log.ts';

export interface Settings {
  tokenLifetimeSeconds: number;
  /** Authorize behaves as if this user had a browser session (headless demos). */
  autoSignIn: string | null;
  /** Step-up (MFA / auth context) pages are approved without showing them. Never for prompt=none. */
  autoApproveMfa: boolean;
  /**
   * Entra's "Stay signed in?" (KMSI): 'ask' shows the page after an interactive sign-in; 'yes' and
   * 'no' answer it without the page (also for autoSignIn). 'yes' adds the persistent
   * ESTSAUTHPERSISTENT cookie, so the session outlives a browser restart.
   */
  staySignedIn: 'ask' | 'yes' | 'no';
  /**
   * Honour the undocumented `amr` claims request ({"access_token":{"amr":{"values":["mfa"]}}}).
   * Entra documents only `acrs` and `xms_cc` in claims requests, so this is off by default.
   */
  honourAmrClaims: boolean;
  /**
   * The reserved authentication context `p1` demands MFA (what Azure's mandatory MFA challenges
   * ask for). When false, `p1` is a context no policy targets: satisfied without anything.
   */
  p1RequiresMfa: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  tokenLifetimeSeconds: 3600,
  autoSignIn: null,
  autoApproveMfa: false,
  staySignedIn: 'no',
  honourAmrClaims: false,
  p1RequiresMfa: true,
};

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
