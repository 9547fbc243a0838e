/** Every recording rule group, one per layer, in layer order. */
import { systemRules } from './system';
import { marketDataRules } from './market-data';
import { signalEngineRules } from './signal-engine';
import { riskRules } from './risk';
import { paperExecutionRules } from './paper-execution';
import { databaseRules } from './database';

export const recordingRuleGroups = [systemRules, marketDataRules, signalEngineRules, riskRules, paperExecutionRules, databaseRules];
