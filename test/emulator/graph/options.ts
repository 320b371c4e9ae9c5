/**
 * Options of the Graph service. Every number that the reference leaves to judgement is here,
 * so a test (or the CLI) can change it without touching the state machine.
 */
import type { Clock } from '../contract.ts';
import type { EnumCasing } from './render.ts';
import type { State } from './state.ts';

export interface GraphOptions {
  /** Casing of enum values in responses (`direct` vs `Direct`); input is accepted in either. Default 'camel' (the CSDL's). */
  enumCasing?: EnumCasing;
  /** The server's page size of collections; `$top` can lower it, never raise it (README, decision 20). Default 100. */
  pageSize?: number;
  /** Minimum minutes an activation must have been active before selfDeactivate (ActiveDurationTooShort). Default 5. */
  minActiveMinutes?: number;
  /** Hours an approver has before a pending request times out. Default 24 (not configurable in Entra). */
  approvalTimeoutHours?: number;
  /** Request status after an approval timeout; Graph's enum has no "TimedOut". Default 'Canceled'. */
  approvalTimeoutStatus?: 'Canceled' | 'Failed' | 'Denied';
  /** Days PIM keeps retrying the removal of a group's last active owner before the request Fails. Default 30. */
  lastOwnerRetryDays?: number;
  /** Also send `WWW-Authenticate: Bearer … error="insufficient_claims", claims=…` with the acrs 400 (unverified). Default false. */
  acrsChallengeHeader?: boolean;
  /** A start this far (ms) or less in the future counts as "now" (clock skew between client and Graph). Default 60 000. */
  futureStartToleranceMs?: number;
  /**
   * `$expand=group` needs a directory read scope (GroupMember.Read.All or higher), else `403
   * Authorization_RequestDenied`: a tenant where the expansion is refused (unverified; no scope is
   * documented for it). Default false.
   */
  expandGroupNeedsDirectoryScope?: boolean;
}

export type ResolvedOptions = Required<GraphOptions>;

export function resolveOptions(o: GraphOptions = {}): ResolvedOptions {
  return {
    enumCasing: o.enumCasing ?? 'camel',
    pageSize: o.pageSize ?? 100,
    minActiveMinutes: o.minActiveMinutes ?? 5,
    approvalTimeoutHours: o.approvalTimeoutHours ?? 24,
    approvalTimeoutStatus: o.approvalTimeoutStatus ?? 'Canceled',
    lastOwnerRetryDays: o.lastOwnerRetryDays ?? 30,
    acrsChallengeHeader: o.acrsChallengeHeader ?? false,
    futureStartToleranceMs: o.futureStartToleranceMs ?? 60_000,
    expandGroupNeedsDirectoryScope: o.expandGroupNeedsDirectoryScope ?? false,
  };
}

/** Everything a handler needs. */
export interface Ctx {
  state: State;
  clock: Clock;
  options: ResolvedOptions;
}
