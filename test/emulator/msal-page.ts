import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCert } from './tls.ts';

/**
 * A minimal SPA hosting the real @azure/msal-browser (UMD build) at https://app.test/, for checking that MSAL
 * accepts the emulator as Entra. Served by its own HTTPS server; Chromium maps app.test to it and trusts its key.
 */
export const APP_ORIGIN = 'https://app.test';
export const APP_REDIRECT = `${APP_ORIGIN}/`;

const MSAL_JS = fileURLToPath(new URL('../../node_modules/@azure/msal-browser/lib/msal-browser.js', import.meta.url));

const PAGE = `<!doctype html><html><head><title>msal</title></head><body><script src="/msal.js"></script><script>
const cfg = JSON.parse(sessionStorage.getItem('cfg') || decodeURIComponent(new URLSearchParams(location.search).get('cfg')));
sessionStorage.setItem('cfg', JSON.stringify(cfg));
const pca = new msal.PublicClientApplication({
  auth: { clientId: cfg.clientId, authority: 'https://login.microsoftonline.com/' + cfg.tenantId, redirectUri: '${APP_REDIRECT}', clientCapabilities: ['CP1'] },
  cache: { cacheLocation: 'localStorage' },
});
const summary = (r) => r && { username: r.account && r.account.username, fromCache: r.fromCache, accessToken: r.accessToken };
window.pca = pca;
window.summary = summary;
window.ready = pca.initialize().then(() => pca.handleRedirectPromise({ navigateToLoginRequestUrl: false })).then(summary);
</script></body></html>`;

export interface MsalApp {
  port: number;
  spki: string;
  close(): Promise<void>;
}

export async function startMsalApp(): Promise<MsalApp> {
  const cert = await createCert();
  const js = readFileSync(MSAL_JS, 'utf8');
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const isJs = (req.url ?? '').startsWith('/msal.js');
    res.writeHead(200, { 'Content-Type': isJs ? 'text/javascript' : 'text/html' });
    res.end(isJs ? js : PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    spki: cert.spki,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
