import { SCOPES } from '../../src/auth/scopes.ts';
import { MY_PIM_REQUESTS, policyUrl } from '../../src/graph/pim.ts';
import { mintToken } from '../../test/emulator/test-client.ts';
import { graphRequests, traffic } from './request-log.ts';
import type { BenchStack } from './session.ts';

// 8. The cold refresh done the way the PIM tools before us do it: one call after another,
// eligibilities, then active assignments, then requests, then one policy request per eligible
// group, each with every page followed. Plain `fetch` from an extension page of the same
// Chromium, through the same emulator with the same latency and the same kind of token (minted
// by the emulator for the same user, app and scopes: the extension never lets its own out).

const GRAPH = 'https://graph.microsoft.com/v1.0';

export interface Baseline {
  ms: number;
  requests: number;
  roundTrips: number;
}

/** Stands for each group's id in the policy URL template. */
const PLACEHOLDER_GROUP = '00000000-0000-4000-8000-000000000000';

export async function sequentialRefresh(stack: BenchStack): Promise<Baseline> {
  const user = stack.emu.state.scenario.users[0];
  if (!user) throw new Error('the scenario has no users');
  const token = await mintToken(stack.emu, { userId: user.id, clientId: stack.emu.clientId, scopes: [...SCOPES.read] });
  const lists = [MY_PIM_REQUESTS.eligibilities, MY_PIM_REQUESTS.actives, MY_PIM_REQUESTS.pending].map(
    (path) => GRAPH + path,
  );
  // Each policy URL comes from the same function the extension uses, filled in by the page with
  // the (group, access) pairs it has just read.
  // (policyUrl takes only a GUID and member/owner, so the placeholders are a GUID and 'owner'.)
  const policyTemplate = GRAPH + policyUrl({ groupId: PLACEHOLDER_GROUP, accessId: 'owner' });
  await stack.clearLog();
  const ms = await stack.page.evaluate(
    async ({ lists, policyTemplate, token, placeholder }) => {
      const headers = { authorization: `Bearer ${token}` };
      const all = async (url: string) => {
        const items: Array<{ groupId: string; accessId: string }> = [];
        for (let next: string | undefined = url; next; ) {
          const response = await fetch(next, { headers });
          if (!response.ok) throw new Error(`${response.status} from ${next}`);
          const body = (await response.json()) as { value: typeof items; '@odata.nextLink'?: string };
          items.push(...body.value);
          next = body['@odata.nextLink'];
        }
        return items;
      };
      const start = performance.now();
      const eligibilities = await all(lists[0] as string);
      for (const url of lists.slice(1)) await all(url);
      for (const e of eligibilities) {
        const url = policyTemplate
          .replace(placeholder, e.groupId)
          .replace("roleDefinitionId%20eq%20'owner'", `roleDefinitionId%20eq%20'${e.accessId}'`);
        await all(url);
      }
      return performance.now() - start;
    },
    { lists, policyTemplate, token, placeholder: PLACEHOLDER_GROUP },
  );
  const log = graphRequests(await stack.log());
  return { ms, ...traffic(log) };
}
