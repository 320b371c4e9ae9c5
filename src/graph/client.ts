import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { ServerDateHandler } from './server-date.ts';
import { StepUpAuthHandler, type TokenSource } from './step-up-auth.ts';

export interface GraphClientDeps {
  /** e.g. https://graph.microsoft.com (national clouds differ). */
  graphHost: string;
  getToken: TokenSource;
  onServerDate?: (serverMs: number, localMs: number) => void;
}

const MAX_RETRIES = 3;

/**
 * Only 429 is retried for writes: Graph did not process the request. A 503/504 on a POST may have
 * activated the group anyway, so the caller reconciles by reading state instead of repeating it.
 */
function shouldRetry(
  _delay: number,
  _attempt: number,
  request: RequestInfo,
  options: RequestInit | undefined,
  response: Response,
) {
  const method = (options?.method ?? (request instanceof Request ? request.method : 'GET')).toUpperCase();
  return method === 'GET' || response.status === 429;
}

/** The Microsoft Graph SDK client with our middleware: auth and step-up, throttling retries, server time. */
export function createGraphClient(deps: GraphClientDeps): Client {
  const auth = new StepUpAuthHandler(deps.getToken);
  const retry = new RetryHandler(new RetryHandlerOptions(1, MAX_RETRIES, shouldRetry));
  const date = new ServerDateHandler(deps.onServerDate ?? (() => {}));
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(date);
  date.setNext(http);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${deps.graphHost}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(deps.graphHost).host]),
  });
}
