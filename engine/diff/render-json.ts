/** The semantic diff as JSON: keys sorted at every level, 2-space indent, trailing newline. */
import type { ObservabilityDiff } from './types';
import { sortKeys } from './values';

export function renderJson(diff: ObservabilityDiff): string {
  return `${JSON.stringify(sortKeys(diff), null, 2)}\n`;
}
