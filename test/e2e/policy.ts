import type { ExtensionSession } from './harness.ts';

/**
 * Applies extension policy (chrome.storage.managed) the way an organisation would, through
 * Chromium's policy test page rather than a file under /etc (test/e2e/README.md). `undefined` values are left out.
 */
export async function applyManagedPolicy(ext: ExtensionSession, values: Record<string, unknown>): Promise<void> {
  const policies = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    // source 5 = platform, scope 1 = machine, level 1 = mandatory
    .map(([name, value]) => ({ namespace: ext.extensionId, name, value, source: 5, scope: 1, level: 1 }));
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://policy/test');
    // A string, not a function: the import() must run in the page, not be transformed by the test runner.
    await page.evaluate(
      `import('chrome://policy/test/policy_test_browser_proxy.js').then((m) => m.PolicyTestBrowserProxy.applyTestPolicies(${JSON.stringify(JSON.stringify(policies))}, ''))`,
    );
  } finally {
    await page.close();
  }
}
