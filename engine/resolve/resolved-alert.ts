/**
 * An alert as the resolved project holds it: its definition, the Prometheus rule written for it and where it is
 * defined. Apart from the resolved project so that what is derived per alert (its evidence) can name it without a
 * cycle.
 */
import type { AlertRuleModel } from '../model/rules';
import type { AlertModel } from '../model/alerts';
import type { Location } from '../model/location';

/** An alert with the Prometheus rule written for it: `severity` label, runbook and dashboard links added. */
export interface ResolvedAlert extends AlertModel {
  readonly rule: AlertRuleModel;
  /** The alert's definition: its file and `alert group "<group>" › alert "<name>"`. */
  readonly location: Location;
}
