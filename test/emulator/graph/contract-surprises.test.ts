/**
 * The `surprises` scenario over HTTPS (issue 17): a deleted group that is still listed as an
 * eligibility, and a scheduled (Granted) activation whose instance appears at its start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURPRISES } from '../scenarios/index.ts';
import { control } from '../test-client.ts';
import { type Https, startHttps } from './https-helpers.ts';
import { ADELE, activation, B } from './test-helpers.ts';

type Obj = Record<string, unknown>;
type List = { value: Obj[] };
type ErrorBody = { error: { code: string; message: string } };
const mine = (set: string, q = '') => `/v1.0${B}/${set}/filterByCurrentUser(on='principal')${q}`;
const DELETED = SURPRISES.deletedGroup.id;
const HELPDESK = SURPRISES.scheduledGroupId;

let h: Https;
beforeAll(async () => {
  h = await startHttps('surprises');
});
afterAll(() => h.close());

describe('a deleted group', () => {
  it('is still listed as an eligibility, with `group: null` when expanded', async () => {
    const list = (
      await h.call('GET', mine('eligibilityScheduleInstances', '?$expand=group($select=id,displayName)'))
    ).json<List>();
    const item = list.value.find((e) => e.groupId === DELETED);
    expect(item).toMatchObject({ accessId: 'member', principalId: ADELE, group: null });
  });

  it('is gone from the directory and has no policy', async () => {
    const token = await h.token({ scopes: ['GroupMember.Read.All'] });
    const group = await h.call('GET', `/v1.0/groups/${DELETED}`, { token });
    expect([group.status, group.json<ErrorBody>().error.code]).toEqual([404, 'Request_ResourceNotFound']);
    const policies = await h.call(
      'GET',
      `/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '${DELETED}' and scopeType eq 'Group'&$expand=policy($expand=rules)`,
    );
    expect(policies.json<List>().value).toEqual([]);
  });

  it('cannot be activated: 400 InvalidRoleAssignmentRequest naming the group', async () => {
    const res = await h.call('POST', `/v1.0${B}/assignmentScheduleRequests`, { body: activation(DELETED, {}, 'PT1H') });
    expect(res.status).toBe(400);
    expect(res.json<ErrorBody>().error).toMatchObject({
      code: 'InvalidRoleAssignmentRequest',
      message: `The role assignment request is invalid. Group '${DELETED}' was not found.`,
    });
  });
});

describe('a scheduled activation', () => {
  it('is a Granted request with a future start and a Granted schedule, and no instance yet', async () => {
    const granted = (
      await h.call('GET', mine('assignmentScheduleRequests', "?$filter=status eq 'Granted'"))
    ).json<List>();
    expect(granted.value.map((r) => [r.groupId, r.status, r.action])).toEqual([[HELPDESK, 'Granted', 'selfActivate']]);
    const request = granted.value[0] as Obj & { createdDateTime: string; scheduleInfo: { startDateTime: string } };
    // Asked 10 minutes before the emulator started, to start 2 hours after it.
    const start = Date.parse(request.scheduleInfo.startDateTime);
    expect(start - Date.parse(request.createdDateTime)).toBe(130 * 60_000);
    expect(start).toBeGreaterThan(h.emu.clock.now());
    expect(request.scheduleInfo).toMatchObject({ expiration: { type: 'afterDuration', duration: 'PT1H' } });
    const schedules = (await h.call('GET', mine('assignmentSchedules'))).json<List>();
    expect(schedules.value.find((s) => s.groupId === HELPDESK)).toMatchObject({ status: 'Granted' });
    const instances = (await h.call('GET', mine('assignmentScheduleInstances'))).json<List>();
    expect(instances.value.some((i) => i.groupId === HELPDESK)).toBe(false);
    // A second activation meanwhile is refused: the scheduled one is pending.
    const again = await h.call('POST', `/v1.0${B}/assignmentScheduleRequests`, {
      body: activation(HELPDESK, {}, 'PT1H'),
    });
    expect(again.json<ErrorBody>().error.code).toBe('PendingRoleAssignmentRequest');
  });

  it('becomes an instance at its start, and the request Provisioned', async () => {
    await control(h.emu, '/clock', { advanceMs: 2 * 3_600_000 });
    const instances = (await h.call('GET', mine('assignmentScheduleInstances'))).json<List>();
    const active = instances.value.find((i) => i.groupId === HELPDESK);
    expect(active).toMatchObject({ assignmentType: 'activated', accessId: 'member' });
    expect(Date.parse(String(active?.endDateTime)) - Date.parse(String(active?.startDateTime))).toBe(3_600_000);
    const granted = (
      await h.call('GET', mine('assignmentScheduleRequests', "?$filter=status eq 'Granted'"))
    ).json<List>();
    expect(granted.value).toEqual([]);
  });
});
