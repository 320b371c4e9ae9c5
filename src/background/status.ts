import { schemaVersionItem } from '../platform/items.ts';
import { extensionVersion } from '../platform/lifecycle.ts';
import type { BackgroundStatus } from '../platform/messages.ts';
import { workerStartedAt } from './diagnostics.ts';

export async function getStatus(): Promise<BackgroundStatus> {
  return {
    version: extensionVersion(),
    schemaVersion: await schemaVersionItem.get(),
    workerStartedAt,
  };
}
