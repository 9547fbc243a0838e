/** Layer 4 alerts: Risk Layer. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbCircuitBreakerOpen } from './circuit-breaker-open';
import { cdbRiskRejectionRatioSpike } from './risk-rejection-ratio-spike';
import { cdbDrawdownOverLimit } from './drawdown-over-limit';
import { cdbRiskGaugeMissing } from './risk-gauge-missing';
import { cdbRiskGaugeImplausible } from './risk-gauge-implausible';

export function riskAlerts(settings: Settings) {
  return layerAlertGroup(
    'risk',
    [cdbCircuitBreakerOpen(settings), cdbRiskRejectionRatioSpike(settings), cdbDrawdownOverLimit(settings), cdbRiskGaugeMissing(settings), cdbRiskGaugeImplausible(settings)],
    import.meta.url,
  );
}
