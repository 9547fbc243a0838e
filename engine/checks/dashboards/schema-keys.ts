import { finding, type Finding, type OutputCheck } from '../check';
import { requireGrafanaTarget } from '../../grafana/targets';
import { grafanaSchema } from '../../grafana/schema-package';
import { dashboardProblems } from '../../grafana/dashboard-conformance';
import { emittedLocation, jsonPathText } from './emitted-location';

/**
 * Every key of every emitted dashboard is one the target Grafana's schema knows, with a value of its type: the
 * dashboard, its links and variables, each row, each panel's options and custom field config as its plugin
 * declares them, each field override. The judge is the `@grafana/schema` of the target line (settings
 * `grafana.version`).
 */
export const dashboardSchemaKeys: OutputCheck = {
  id: 'dashboard/schema-keys',
  severity: 'error',
  description: "Keys of the emitted dashboards that the target Grafana's schema does not know, or values of the wrong type.",
  reads: 'output',
  run(project, output) {
    const target = requireGrafanaTarget(project.grafana.version);
    const schema = grafanaSchema(target);
    const out: Finding[] = [];
    for (const resolved of project.dashboards) {
      const json = output.dashboards.get(resolved.dashboard.id);
      for (const problem of dashboardProblems(json, schema)) {
        const { location, path } = emittedLocation(resolved, json, problem.path);
        out.push(
          finding(
            dashboardSchemaKeys,
            location,
            `${jsonPathText(path)}: ${problem.message} (Grafana ${target.line}, ${schema.packageTitle})`,
            'Emit only what the target Grafana knows: remove the key where the emitter writes it (engine/emit/), or target a Grafana line that has it (settings grafana.version).',
          ),
        );
      }
    }
    return out;
  },
};
