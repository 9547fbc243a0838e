/** Shared pieces of the CdB alerts: labels, groups per layer, and the scrape-target labels of scenario series. */
import { alertGroup } from '../engine/rules/alert';
import type { AlertGroupModel, AlertModel } from '../engine/model/alerts';
import { layer, type LayerId } from '../config/layers';
import { SERVICES, EXPORTER_JOBS, type ServiceName } from '../config/services';

/** The `layer` label, and the `service` label when the alert is about one service the expression does not name. */
export function cdbLabels(layerId: LayerId, service?: ServiceName): Record<string, string> {
  return service ? { layer: layerId, service } : { layer: layerId };
}

/** The alert group of a layer, written to the layer's rule file after its recording rules. */
export function layerAlertGroup(layerId: LayerId, alerts: readonly AlertModel[], source: string): AlertGroupModel {
  const l = layer(layerId);
  return alertGroup({ name: `cdb-${layerId}-alerts`, title: `${l.number} · ${l.title}`, file: layerId, alerts, source });
}

/** Target labels Prometheus puts on the series of a CdB service, for scenario input series. */
export function targetLabels(service: ServiceName): { job: string; instance: string; service: string } {
  const s = SERVICES.find((x) => x.name === service)!;
  return { job: service, instance: 'port' in s ? `${s.host}:${s.port}` : s.host, service };
}

/** Target labels of an exporter's series, for scenario input series. */
export function exporterTargetLabels(exporter: keyof typeof EXPORTER_JOBS): { job: string; instance: string; service: string } {
  const e = EXPORTER_JOBS[exporter];
  return { job: e.job, instance: `${e.host}:${e.port}`, service: e.watches };
}
