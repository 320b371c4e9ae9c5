// Renders scripts/icon.svg to the PNG sizes the manifest names, with the same headless
// Chromium the e2e tests use (browsers do not accept SVG toolbar icons). Run after editing the SVG:
//   npx tsx scripts/render-icons.ts
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../test/e2e/chromium-path.ts';

const svg = readFileSync('scripts/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`,
    );
    await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
