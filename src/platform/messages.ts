import { type ErrorInfo, fail, type Result } from '../core/result.ts';
import { browser, type Runtime } from './browser.ts';
import { t } from './i18n.ts';
import { log } from './log.ts';

export interface BackgroundStatus {
  version: string;
  schemaVersion: number;
  /** Milliseconds since the epoch when this service-worker instance started. */
  workerStartedAt: number;
}

/**
 * Every message a page (popup, options) can send the background: name → request → response.
 * Adding a message means adding it here and giving the background a handler for it; the
 * compiler checks both ends.
 */
export interface MessageMap {
  getStatus: { request: undefined; response: BackgroundStatus };
}

export type MessageName = keyof MessageMap;
export type RequestOf<K extends MessageName> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageName> = MessageMap[K]['response'];
export type Handlers = { [K in MessageName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K> };

interface Envelope {
  type: string;
  request?: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as Envelope).type === 'string';
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: Partial<ErrorInfo> };
  return r.ok === true || (r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string');
}

/** Sends a typed message to the background. Never throws: an unreachable background becomes an error result. */
export async function sendMessage<K extends MessageName>(
  type: K,
  request: RequestOf<K>,
): Promise<Result<ResponseOf<K>>> {
  try {
    const reply: unknown = await browser.runtime.sendMessage({ type, request } satisfies Envelope);
    if (isResult(reply)) return reply as Result<ResponseOf<K>>;
    return fail('background-unavailable', t('backgroundUnavailable'));
  } catch (error) {
    log.warn('messages', `no answer to ${type}`, error);
    return fail('background-unavailable', t('backgroundUnavailable'));
  }
}

/** Only the extension's own pages may talk to the background; web pages and other extensions may not. */
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
  return { code: 'unexpected', message: t('errorUnexpected', error instanceof Error ? error.message : String(error)) };
}

/** The background's side: answers each message with `{ ok, value }` or `{ ok: false, error }`. */
export function listenForMessages(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (!isOwnExtensionPage(sender)) {
      log.warn('messages', `ignored a message from ${sender.url ?? sender.id ?? 'an unknown sender'}`);
      return undefined;
    }
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.type)) {
      return Promise.resolve(fail('unknown-message', t('errorUnknownMessage')));
    }
    const handler = handlers[message.type as MessageName] as (request: unknown) => unknown;
    return Promise.resolve()
      .then(() => handler(message.request))
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => {
          log.error('messages', `${message.type} failed`, error);
          return { ok: false as const, error: errorInfo(error) };
        },
      );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
