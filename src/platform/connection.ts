import { type Connection, normaliseConnection } from '../core/connection.ts';
import { policyOver, readPolicyOver } from './follow-storage.ts';
import { connectionItem, managedClientIdItem, managedCloudItem, managedTenantItem } from './items.ts';

export interface ConnectionState {
  /** What the extension uses: the policy's value for each field it sets, else the user's. */
  connection: Connection;
  /** Fields the organisation's policy sets; the options page shows them read-only. */
  locked: Record<keyof Connection, boolean>;
}

/** The user's connection with the policy's values on top, field by field. */
export const connectionSetting = policyOver(
  { own: connectionItem, tenant: managedTenantItem, clientId: managedClientIdItem, cloud: managedCloudItem },
  ({ own, tenant, clientId, cloud }): ConnectionState => ({
    connection: normaliseConnection({
      tenant: tenant || own.tenant,
      clientId: clientId || own.clientId,
      cloud: cloud ?? own.cloud,
    }),
    locked: { tenant: Boolean(tenant), clientId: Boolean(clientId), cloud: cloud !== undefined },
  }),
);

export const readConnection = (): Promise<ConnectionState> => readPolicyOver(connectionSetting);

/** Stores the user's own values. Locked fields keep what the user had; the policy still wins on read. */
export async function saveConnection(connection: Connection): Promise<void> {
  const { locked } = await readConnection();
  const next = normaliseConnection(connection);
  await connectionItem.update((own) => ({
    tenant: locked.tenant ? own.tenant : next.tenant,
    clientId: locked.clientId ? own.clientId : next.clientId,
    cloud: locked.cloud ? own.cloud : next.cloud,
  }));
}

/** Calls back with the effective connection whenever the user's settings or the policy change. */
export function watchConnection(callback: (state: ConnectionState) => void): () => void {
  const refresh = () => void readConnection().then(callback);
  const stops = Object.values(connectionSetting.items).map((item) => item.watch(refresh));
  return () => {
    for (const stop of stops) stop();
  };
}
