import { describeJourney } from '../journey/journey.ts';
import { startFirefox } from './driver.ts';

// The shared journey in Firefox ESR (the same steps run in Chromium: ../journey/chromium.test.ts).
describeJourney(startFirefox);
