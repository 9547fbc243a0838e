/** Grafana units from the units the catalog declares, so a panel shows a metric's amounts in the metric's unit. */
import type { Metric } from '../catalog/metric';
import type { GrafanaUnit } from '../model/dashboard';

/**
 * The unit of an amount of money in `currency` (e.g. `USDT`), shown as `12.5 USDT`. Grafana's currency units
 * name fiat currencies only, and its `currency:<symbol>` unit writes the symbol before the number with no space.
 */
export function currencyUnit(currency: string): GrafanaUnit {
  return `suffix:${currency}`;
}

/**
 * The unit of a panel that shows `metric`'s own amounts (or sums of them), from the unit the catalog declares:
 * amounts in the quote currency get the currency's name. Timestamps, booleans and info metrics are not amounts:
 * show an age, a state or a label instead.
 */
export function amountUnit(metric: Pick<Metric, 'name' | 'unit'>, quoteCurrency: string): GrafanaUnit {
  switch (metric.unit) {
    case 'quote_currency':
      return currencyUnit(quoteCurrency);
    case 'seconds':
      return 's';
    case 'bytes':
      return 'bytes';
    case 'ratio':
      return 'percentunit';
    case 'count':
      return 'short';
    case 'timestamp_seconds':
    case 'boolean':
    case 'info':
      throw new Error(`${metric.name} is in ${metric.unit}, not an amount a panel shows: show an age, a state or a label instead`);
  }
}
