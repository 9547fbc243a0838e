/** Every recording rule group, one per layer, in layer order. */
import type { Settings } from '../config/settings';
import { systemRules } from './system';
import { marketDataRules } from './market-data';
import { signalEngineRules } from './signal-engine';
import { riskRules } from './risk';
import { paperExecutionRules } from './paper-execution';
import { databaseRules } from './database';

export function recordingRuleGroups(settings: Settings) {
  return [systemRules(settings), marketDataRules, signalEngineRules, riskRules, paperExecutionRules, databaseRules];
}
