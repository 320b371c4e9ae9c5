// The offscreen auth host (src/auth/README.md). Chromium allows one offscreen document per extension,
// so creation is checked and serialised. Chromium-only APIs (Firefox runs the auth host in its
// background page): reached as `chrome.*`, which webextension-polyfill neither wraps nor types.
const HOST_PATH = 'src/auth/host/index.html';

let creating: Promise<void> | undefined;

async function hostExists(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(HOST_PATH)],
  });
  return contexts.length > 0;
}

/** Starts the auth host if it is not running. Cheap when it is. */
export async function ensureAuthHost(): Promise<void> {
  if (await hostExists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: HOST_PATH,
      reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
      justification:
        'Runs the Microsoft sign-in library (MSAL), which needs a DOM and web storage for its token cache.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}
