import { type ErrorInfo, fail, type Result } from '../core/result.ts';
import { thrownText } from '../core/thrown-text.ts';
import { browser, type Runtime } from './browser.ts';
import { type MessageKey, t } from './i18n.ts';
import { log } from './log.ts';

/** A message map: name → request → response. */
export type ProtocolMap<M> = { [K in keyof M]: { request: unknown; response: unknown } };

export type HandlersOf<M extends ProtocolMap<M>> = {
  [K in keyof M]: (request: M[K]['request']) => Promise<M[K]['response']> | M[K]['response'];
};

interface Envelope {
  channel: string;
  type: string;
  request?: unknown;
}

function isEnvelope(value: unknown, channel: string): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<Envelope>;
  return e.channel === channel && typeof e.type === 'string';
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: Partial<ErrorInfo> };
  return r.ok === true || (r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string');
}

/** Only the extension's own pages and worker may talk to each other; web pages and other extensions may not. */
export function isOwnExtensionPage(sender: Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL(''))
  );
}

function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return { code: error.code, message: error.message };
  }
  return { code: 'unexpected', message: t('errorUnexpected', thrownText(error)) };
}

/**
 * Runs a handler and turns its outcome into the reply a channel carries: `{ ok, value }`, or
 * `{ ok: false, error }` with the failure logged. Also used where the handler runs in the same
 * context as its caller (Firefox's in-page auth host), so both answer alike.
 */
export function settle<T>(channel: string, type: string, run: () => Promise<T> | T): Promise<Result<T>> {
  return Promise.resolve()
    .then(run)
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => {
        log.error(channel, `${type} failed`, error);
        return { ok: false as const, error: errorInfo(error) };
      },
    );
}

/** A typed request/response channel over `runtime` messaging (see `defineChannel`). */
export interface Channel<M extends ProtocolMap<M>> {
  name: string;
  /** Never throws: an unreachable receiver becomes an error result. */
  send<K extends keyof M & string>(type: K, request: M[K]['request']): Promise<Result<M[K]['response']>>;
}

/**
 * A typed request/response channel over `runtime` messaging. Each context listens only to its own
 * channel, so the background never answers the auth host's messages and the other way round.
 * Replies are `{ ok, value }` or `{ ok: false, error }`: errors never cross contexts as thrown objects.
 * Answering is `listenOn`, a function of its own, so a page that only sends (the popup) does not
 * carry the receiving side's code.
 */
export function defineChannel<M extends ProtocolMap<M>>(
  channel: string,
  /** What the sender is told when nobody answers (no listener, or the receiver died). */
  unavailable: { code: string; message: MessageKey },
): Channel<M> {
  return {
    name: channel,
    async send(type, request) {
      try {
        const reply: unknown = await browser.runtime.sendMessage({ channel, type, request } satisfies Envelope);
        if (isResult(reply)) return reply as Result<never>;
      } catch (error) {
        log.warn(channel, `no answer to ${type}`, error);
      }
      return fail(unavailable.code, t(unavailable.message));
    },
  };
}

/** Answers the channel's messages from this extension's own pages with `handlers`; returns the unsubscribe. */
export function listenOn<M extends ProtocolMap<M>>(channel: Channel<M>, handlers: HandlersOf<M>): () => void {
  const name = channel.name;
  // The reply is the listener's promise (webextension-polyfill carries it on Chromium, Firefox
  // natively); `undefined` leaves the message to the listener whose it is.
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message, name)) return undefined; // someone else's message
    if (!isOwnExtensionPage(sender)) {
      log.warn(name, `ignored a message from ${sender.url ?? sender.id ?? 'an unknown sender'}`);
      return undefined;
    }
    return answer(message);
  };
  const answer = (message: Envelope): Promise<Result<unknown>> => {
    if (!Object.hasOwn(handlers, message.type)) {
      return Promise.resolve(fail('unknown-message', t('errorUnknownMessage')));
    }
    const handler = handlers[message.type as keyof M] as (request: unknown) => unknown;
    return settle(name, message.type, () => handler(message.request));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
