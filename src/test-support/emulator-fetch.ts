import { type EmuTarget, emuFetch } from '../../test/emulator/test-client.ts';

/**
 * A `fetch` for Node tests that sends https://graph.microsoft.com/… to a running emulator, so the
 * production Graph client (SDK, middleware, schemas) is exercised against it without a browser.
 */
export function emulatorFetch(emu: EmuTarget): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init?.body ?? (request.body ? await request.text() : undefined);
    const reply = await emuFetch(emu, request.url, {
      method: init?.method ?? request.method,
      headers,
      ...(body !== undefined && body !== null ? { body: String(body) } : {}),
    });
    const status = reply.status;
    const noBody = status === 204 || status === 304;
    return new Response(noBody ? null : reply.text(), { status, headers: reply.headers });
  };
}
