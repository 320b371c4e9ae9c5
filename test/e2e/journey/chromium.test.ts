import { startChromium } from './chromium-driver.ts';
import { describeJourney } from './journey.ts';

// The shared journey in Chromium (the same steps run in Firefox: ../firefox/journey.test.ts).
describeJourney(startChromium);
