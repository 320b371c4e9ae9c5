import { browser } from '../platform/browser.ts';
import { schemaVersionItem } from '../platform/items.ts';
import type { BackgroundStatus } from '../platform/messages.ts';
import { workerStartedAt } from './diagnostics.ts';

export async function getStatus(): Promise<BackgroundStatus> {
  return {
    version: browser.runtime.getManifest().version,
    schemaVersion: await schemaVersionItem.get(),
    workerStartedAt,
  };
}
