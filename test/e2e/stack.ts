import { type Emulator, startEmulator } from '../emulator/server.ts';
import { type ExtensionSession, launchExtension } from './harness.ts';
import { applyManagedPolicy } from './policy.ts';

export interface Stack {
  emu: Emulator;
  ext: ExtensionSession;
  close(): Promise<void>;
}

/**
 * The emulator and the built extension in Chromium, wired as DESIGN §5 says: Microsoft's hosts map
 * to the emulator, its certificate is trusted, and the organisation's policy points the extension
 * at the scenario's tenant and app registration.
 */
export async function startStack(scenario = 'demo'): Promise<Stack> {
  const emu = await startEmulator({ port: 0, scenario });
  try {
    const ext = await launchExtension({ emulator: { port: emu.port, spki: emu.spki } });
    await applyManagedPolicy(ext, { tenant: emu.tenantId, clientId: emu.clientId });
    return {
      emu,
      ext,
      async close() {
        await ext.close();
        await emu.close();
      },
    };
  } catch (error) {
    await emu.close();
    throw error;
  }
}
