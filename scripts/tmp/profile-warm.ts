import { writeFileSync } from 'node:fs';
import { settled, warmOpen } from '../bench/popup-figures.ts';
import { markTime, openPopupTab, POPUP, startBenchStack } from '../bench/session.ts';

const scenario = process.argv[2] ?? 'demo';
const stack = await startBenchStack(scenario, 80);
try {
  await settled(stack);
  await warmOpen(stack);
  for (let i = 0; i < 3; i++) { await settled(stack); const w = await warmOpen(stack); console.log('warm', w.ms.toFixed(1), 'parsed', w.htmlParsedMs.toFixed(1)); }
  // Profile one open.
  await settled(stack);
  const page = await openPopupTab(stack);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(stack.ext.url(POPUP));
  const ms = await markTime(page, 'pim:list-painted');
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`/tmp/warm-${scenario}.cpuprofile`, JSON.stringify(profile));
  const marks = await page.evaluate(() => ({
    nav: performance.getEntriesByType('navigation').map((e) => { const n = e as PerformanceNavigationTiming; return { resp: n.responseEnd, interactive: n.domInteractive, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; }),
    marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
    paint: performance.getEntriesByType('paint').map((m) => [m.name, m.startTime]),
  }));
  console.log('profiled', ms, JSON.stringify(marks));
} finally {
  await stack.close?.();
  process.exit(0);
}
