import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { popupSender, someHandlers } from '../test-support/fake-browser-setup.ts';
import { listenForMessages, sendMessage } from './messages.ts';

const status = { version: '1.0.0', schemaVersion: 1, workerStartedAt: 42 };

describe('typed messages', () => {
  beforeEach(() => {
    // The background logs failures and ignored senders; the assertions below check the results.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('round-trips a request to the background and wraps the answer', async () => {
    listenForMessages(someHandlers({ getStatus: () => status }));
    await expect(sendMessage('getStatus', undefined)).resolves.toEqual({ ok: true, value: status });
  });

  it('turns a handler failure into an error result, never a throw', async () => {
    const failing = Object.assign(new Error('This group allows at most 4 hours.'), { code: 'policy-expiration' });
    listenForMessages(
      someHandlers({
        getStatus: () => {
          throw failing;
        },
      }),
    );
    await expect(sendMessage('getStatus', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'policy-expiration', message: 'This group allows at most 4 hours.' },
    });
  });

  it('gives an unexpected error a sentence with its detail', async () => {
    listenForMessages(
      someHandlers({
        getStatus: () => {
          throw new TypeError('boom');
        },
      }),
    );
    const result = await sendMessage('getStatus', undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'unexpected', message: 'Something unexpected went wrong: boom' },
    });
  });

  it('reports an unreachable background as a sentence the user can act on', async () => {
    const result = await sendMessage('getStatus', undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('background-unavailable');
      expect(result.error.message).toMatch(/not answering/);
    }
  });

  it('answers an unknown message type with a specific error', async () => {
    listenForMessages(someHandlers({ getStatus: () => status }));
    const replies = await fakeBrowser.runtime.onMessage.trigger(
      { channel: 'pages', type: 'launchMissiles' },
      popupSender(),
      () => {},
    );
    expect(replies).toEqual([{ ok: false, error: expect.objectContaining({ code: 'unknown-message' }) }]);
  });

  it('ignores web pages, other extensions and malformed envelopes from them', async () => {
    let calls = 0;
    listenForMessages(
      someHandlers({
        getStatus: () => {
          calls++;
          return status;
        },
      }),
    );
    const message = { channel: 'pages', type: 'getStatus' };
    const senders = [
      { id: fakeBrowser.runtime.id, url: 'https://evil.example/page' },
      { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
      { id: fakeBrowser.runtime.id },
    ];
    for (const sender of senders) {
      const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => {});
      expect(replies).toEqual([undefined]);
    }
    expect(calls).toBe(0);
  });

  it('leaves messages of other channels to their own listeners', async () => {
    listenForMessages(someHandlers({ getStatus: () => status }));
    const replies = await fakeBrowser.runtime.onMessage.trigger(
      { channel: 'auth-host', type: 'getStatus' },
      popupSender(),
      () => {},
    );
    expect(replies).toEqual([undefined]);
  });

  it('stops answering once unsubscribed', async () => {
    const stop = listenForMessages(someHandlers({ getStatus: () => status }));
    stop();
    expect((await sendMessage('getStatus', undefined)).ok).toBe(false);
  });
});
