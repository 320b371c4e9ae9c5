/**
 * The Graph PIM-for-Groups service behind the emulator's HTTPS server (see ../contract.ts).
 *
 * Scenario times given relative to the start ("-PT2H", "+P1D") are resolved here, once, against
 * `clock.now()` at creation: the server sets its clock to `scenario.startTime` before it builds
 * the service, so "start" means the emulator's start. Decisions the reference leaves open are
 * listed in ./README.md.
 */
import type { Clock, EmuResponse, GraphRequest, GraphService, Scenario } from '../contract.ts';
import { isoZ, parseDuration, resolveTime } from '../scenarios/time.ts';
import { approversOf } from './approvers.ts';
import { handleBatch } from './batch.ts';
import { errorResponse, GraphError } from './errors.ts';
import { decide, provision, tick } from './machine.ts';
import { type Ctx, type GraphOptions, resolveOptions } from './options.ts';
import { renderInstance, renderRequest, renderSchedule } from './render.ts';
import { route } from './routes.ts';
import { createState, guidFrom, newApproval, type PimRequest } from './state.ts';

export type { GraphOptions } from './options.ts';

/** Pending requests listed in the scenario become real PendingApproval requests with an approval. */
function seedRequests(ctx: Ctx, scenario: Scenario, start: number): void {
  (scenario.requests ?? []).forEach((s, i) => {
    const created = s.createdDateTime ? resolveTime(s.createdDateTime, start) : start - 3_600_000;
    const begin = s.startDateTime ? resolveTime(s.startDateTime, start) : created;
    const duration = s.duration ?? 'PT1H';
    const id = guidFrom(`request:${i}:${s.principalId}:${s.groupId}:${s.accessId}`);
    const r: PimRequest = {
      id,
      action: 'selfActivate',
      status: 'PendingApproval',
      principalId: s.principalId,
      groupId: s.groupId,
      accessId: s.accessId,
      createdBy: s.principalId,
      created,
      completed: null,
      justification: s.justification ?? null,
      ticketInfo: { ticketNumber: null, ticketSystem: null },
      isValidationOnly: false,
      start: begin,
      durationMs: parseDuration(duration),
      endAbs: null,
      expiration: { type: 'afterDuration', endDateTime: null, duration },
      startDateTime: isoZ(begin),
      targetScheduleId: `${s.groupId}_${s.accessId}_${id}`,
      approval: null,
      retryUntil: null,
    };
    if (s.status === 'Granted') {
      // A scheduled activation: the same path an accepted POST with a future start takes.
      if (begin - start <= ctx.options.futureStartToleranceMs) {
        throw new Error(`scenario requests[${i}]: a Granted request must start in the future`);
      }
      provision(ctx, r);
    } else r.approval = newApproval(id, created, ctx.options.approvalTimeoutHours);
    ctx.state.requests.push(r);
  });
}

export function createGraphService(scenario: Scenario, clock: Clock, options?: GraphOptions): GraphService {
  const start = clock.now();
  const ctx: Ctx = { state: createState(scenario, start), clock, options: resolveOptions(options) };
  seedRequests(ctx, scenario, start);

  const respond = (req: GraphRequest, fn: () => EmuResponse): EmuResponse => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      return errorResponse(e.status, e.code, e.message, clock.now(), req.headers, e.headers);
    }
  };

  const handle = async (req: GraphRequest): Promise<EmuResponse> => {
    if (req.path.replace(/^\/+/, '').toLowerCase() === '$batch') {
      if (req.method !== 'POST') {
        return errorResponse(
          405,
          'Request_BadRequest',
          `The HTTP method '${req.method}' is not allowed for this resource.`,
          clock.now(),
          req.headers,
        );
      }
      try {
        return await handleBatch(req, handle, clock.now());
      } catch (e) {
        if (!(e instanceof GraphError)) throw e;
        return errorResponse(e.status, e.code, e.message, clock.now(), req.headers, e.headers);
      }
    }
    return respond(req, () => route(ctx, req));
  };

  return {
    handle,
    decideApproval({ approvalId, approverId, decision, justification }) {
      const headers: Record<string, string> = {};
      const fake = { headers } as GraphRequest;
      return respond(fake, () => {
        decide(ctx, approvalId, approverId, decision, justification);
        return { status: 204 };
      });
    },
    tick: () => tick(ctx),
    snapshot() {
      const casing = ctx.options.enumCasing;
      return {
        now: new Date(clock.now()).toISOString(),
        requests: ctx.state.requests.map((r) => ({
          ...renderRequest(r, casing),
          approval: r.approval && {
            ...r.approval,
            deadline: new Date(r.approval.deadline).toISOString(),
            // Who can decide now (read from the policy, approvers.ts).
            approvers: [...approversOf(ctx, r)],
          },
        })),
        assignmentInstances: ctx.state.schedules
          .filter((s) => s.kind === 'assignment' && s.state === 'active')
          .map((s) => renderInstance(s, casing)),
        eligibilityInstances: ctx.state.schedules
          .filter((s) => s.kind === 'eligibility' && s.start <= clock.now() && (s.end === null || s.end > clock.now()))
          .map((s) => renderInstance(s, casing)),
        assignmentSchedules: ctx.state.schedules
          .filter((s) => s.kind === 'assignment')
          .map((s) => ({
            ...renderSchedule(s, casing),
            state: s.state,
            instanceId: s.instanceId,
            held: Boolean(s.hold),
          })),
        eligibilitySchedules: ctx.state.schedules
          .filter((s) => s.kind === 'eligibility')
          .map((s) => renderSchedule(s, casing)),
      };
    },
  };
}
