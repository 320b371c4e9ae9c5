/**
 * Scenario loading: `loadScenario('demo')`, `loadScenario('large')` or a path to a JSON file.
 * Relative times inside a scenario ("-PT2H", "+P1D") stay as strings here; the Graph service
 * resolves them against the emulator's start when it is created (see graph/index.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../contract.ts';
import { generateLargeScenario, HUNDREDS_GROUP_COUNT } from './large.ts';
import { ScenarioError, validateScenario } from './schema.ts';
import { surprisesScenario } from './surprises.ts';

export { generateLargeScenario } from './large.ts';
export { ScenarioError, validateScenario } from './schema.ts';
export { SURPRISES, surprisesScenario } from './surprises.ts';
export { formatDuration, isoZ, isRelativeTime, parseDuration, resolveTime } from './time.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Reads and validates a scenario JSON file. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(path, [`cannot read file: ${(e as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(path, [`not valid JSON: ${(e as Error).message}`]);
  }
  return validateScenario(data, path);
}

export function loadScenario(nameOrPath: string): Scenario {
  if (nameOrPath === 'demo') return loadScenarioFile(resolve(HERE, 'demo.json'));
  if (nameOrPath === 'large') return generateLargeScenario();
  if (nameOrPath === 'hundreds') return generateLargeScenario(HUNDREDS_GROUP_COUNT, 20_261_205, 'hundreds');
  if (nameOrPath === 'surprises') return surprisesScenario();
  if (!/[\\/]|\.json$/i.test(nameOrPath)) {
    throw new ScenarioError(nameOrPath, [
      "unknown scenario name (use 'demo', 'surprises', 'hundreds', 'large' or a path to a .json file)",
    ]);
  }
  return loadScenarioFile(resolve(nameOrPath));
}
