import type { Client } from '@microsoft/microsoft-graph-client';
import { getAccessToken } from '../auth/client.ts';
import { CLOUDS } from '../core/connection.ts';
import { createGraphClient } from '../graph/client.ts';
import { readConnection } from '../platform/connection.ts';
import { observeServerDate } from './server-time.ts';

let current: { host: string; client: Client } | undefined;

/** The Graph client for the configured cloud, with the extension's tokens and step-up. */
export async function graphClient(): Promise<Client> {
  const { connection } = await readConnection();
  const host = CLOUDS[connection.cloud].graphHost;
  if (current?.host !== host) {
    const client = createGraphClient({
      graphHost: host,
      getToken: async (scopes, options) => {
        const token = await getAccessToken(scopes, options);
        return { token: token.token, viaWindow: token.viaWindow === true };
      },
      onServerDate: observeServerDate,
    });
    current = { host, client };
  }
  return current.client;
}
