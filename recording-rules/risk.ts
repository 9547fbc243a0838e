/** Layer 4, Risk Layer: decisions by outcome and reason, rejection ratio, exposure against its limit. */
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { div, increase, rate, select, sum } from '../engine/promql';
import { riskDecisions, riskExposure, riskExposureLimit, riskLimitBreaches } from '../catalog/cdb';

/** Risk decisions per second by outcome and reason. */
export const decisionsRate = recordingRule(
  'decision_reason:cdb_risk_decisions:rate5m',
  sum.by(['decision', 'reason'], rate(select(riskDecisions).over('5m'))),
);

/** Share of signals the risk manager rejected. */
export const rejectionRatio = recordingRule(
  'job:cdb_risk_decisions_rejected:ratio_rate5m',
  div(
    sum.by(['job'], rate(select(riskDecisions, { decision: 'rejected' }).over('5m'))),
    sum.by(['job'], rate(select(riskDecisions).over('5m'))),
  ),
);

/** Total open exposure as a share of the configured limit. */
export const exposureToLimit = recordingRule(
  'job:cdb_risk_exposure:ratio_limit',
  div(sum.by(['job'], select(riskExposure)), sum.by(['job'], select(riskExposureLimit))),
);

/** Limit breaches per limit in the last hour. */
export const breachesLastHour = recordingRule(
  'limit:cdb_risk_limit_breaches:increase1h',
  sum.by(['limit'], increase(select(riskLimitBreaches).over('1h'))),
);

/** Risk decisions in the last hour by outcome and reason: range counts read it hour by hour instead of the raw counter. */
export const decisionsLastHour = recordingRule(
  'decision_reason:cdb_risk_decisions:increase1h',
  sum.by(['decision', 'reason'], increase(select(riskDecisions).over('1h'))),
);

/** Limit breaches per second by limit. */
export const breachesRate = recordingRule('limit:cdb_risk_limit_breaches:rate5m', sum.by(['limit'], rate(select(riskLimitBreaches).over('5m'))));

export const riskRules = ruleGroup({
  name: 'cdb-risk-recording',
  file: 'risk',
  source: import.meta.url,
  rules: [decisionsRate, rejectionRatio, exposureToLimit, breachesLastHour, decisionsLastHour, breachesRate],
});
