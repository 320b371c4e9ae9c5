import type { BenchStack } from './session.ts';

// 7. The JS heap of contexts Playwright does not hand out as pages (the service worker, the
// offscreen auth host): the DevTools protocol reaches them by attaching to their target from a
// page's session and relaying messages (Playwright's CDP sessions do not take a session id).

type Raw = { id?: number; result?: { usedSize?: number }; error?: { message: string } };

/** Used JS heap (bytes, after a garbage collection) of the extension's target of `type` ('service_worker', 'background_page'). */
export async function targetHeap(stack: BenchStack, type: string): Promise<number> {
  const cdp = await stack.ext.context.newCDPSession(stack.page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === type && t.url.startsWith(stack.ext.url('')));
    if (!target) return Number.NaN;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const replies = new Map<number, (reply: Raw) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const reply = JSON.parse(event.message) as Raw;
      if (reply.id !== undefined) replies.get(reply.id)?.(reply);
    });
    let id = 0;
    const send = async (method: string): Promise<Raw> => {
      id += 1;
      const answer = new Promise<Raw>((resolve) => replies.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      const reply = await answer;
      if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
      return reply;
    };
    await send('HeapProfiler.collectGarbage');
    const usage = await send('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usage.result?.usedSize ?? Number.NaN;
  } finally {
    await cdp.detach();
  }
}
