/** Layer 4 alerts: Risk Layer. */
import { layerAlertGroup } from '../common';
import { cdbCircuitBreakerOpen } from './circuit-breaker-open';
import { cdbRiskRejectionRatioSpike } from './risk-rejection-ratio-spike';
import { cdbDrawdownOverLimit } from './drawdown-over-limit';

export const riskAlerts = layerAlertGroup('risk', [cdbCircuitBreakerOpen, cdbRiskRejectionRatioSpike, cdbDrawdownOverLimit], import.meta.url);
