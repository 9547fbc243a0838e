/**
 * Grafana dashboard JSON from the dashboard model, through the foundation SDK. The SDK is used here only, so
 * that moving to its v2 dashboard schema touches one file.
 */
import * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import * as common from '@grafana/grafana-foundation-sdk/common';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import type { PanelLink, PanelModel, QueryVariableModel, ThresholdsStyle } from '../model/dashboard';
import type { PlacedPanel } from '../dashboards/layout';
import type { ResolvedDashboard } from '../resolve/resolved-project';
import type { GrafanaTarget } from '../grafana/targets';
import { withoutSdkDefaults } from './sdk-defaults';

/** What the emitter needs to know beyond the dashboard itself. */
export interface DashboardEmitContext {
  /** The provisioned Prometheus datasource: default of the `datasource` variable. */
  readonly datasource: { readonly uid: string; readonly name: string };
  /** Title of the dropdown that links every project dashboard. */
  readonly projectName: string;
  /** Tag every project dashboard carries; the dashboard dropdown link lists them. */
  readonly projectTag: string;
  /** Grafana uid of a project dashboard by its id. */
  uidOf(dashboardId: string): string;
  /** Sentence saying the file is generated and from where; the dashboard's description ends with it. */
  readonly generatedNote: string;
  /** The Grafana line the dashboard is for: its `schemaVersion`. */
  readonly target: GrafanaTarget;
  /** Whether Grafana lets people save changes made in its UI (the providers' `allowUiUpdates`). */
  readonly editable: boolean;
}

/** The `datasource` variable every panel uses. */
export const DATASOURCE_VARIABLE = 'datasource';
const PANEL_DATASOURCE = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };

const THRESHOLDS_STYLE: Record<ThresholdsStyle, common.GraphThresholdsStyleMode> = {
  line: common.GraphThresholdsStyleMode.Line,
  dashed: common.GraphThresholdsStyleMode.Dashed,
  area: common.GraphThresholdsStyleMode.Area,
  'line+area': common.GraphThresholdsStyleMode.LineAndArea,
  'dashed+area': common.GraphThresholdsStyleMode.DashedAndArea,
};

type AnyPanelBuilder = TimeseriesBuilder | StatBuilder | TableBuilder | BarGaugeBuilder;

function panelLinkUrl(link: PanelLink, ctx: DashboardEmitContext): string {
  return `/d/${ctx.uidOf(link.dashboard)}?\${__url_time_range}&\${${DATASOURCE_VARIABLE}:queryparam}`;
}

function basePanel(placed: PlacedPanel, ctx: DashboardEmitContext): AnyPanelBuilder {
  const p = placed.panel;
  const builder = newPanelBuilder(p);
  builder
    .id(placed.id)
    .title(p.title)
    .description(p.description)
    .datasource(PANEL_DATASOURCE)
    .unit(p.unit)
    .gridPos({ ...placed.gridPos });
  if (p.min !== undefined) builder.min(p.min);
  if (p.max !== undefined) builder.max(p.max);
  if (p.decimals !== undefined) builder.decimals(p.decimals);
  if (p.thresholds) {
    builder.thresholds(
      new sdk.ThresholdsConfigBuilder()
        .mode(p.thresholdsMode === 'percentage' ? sdk.ThresholdsMode.Percentage : sdk.ThresholdsMode.Absolute)
        .steps(p.thresholds.map((t) => ({ value: t.value, color: t.color }))),
    );
  }
  if (p.fixedColor) builder.colorScheme(new sdk.FieldColorBuilder().mode(sdk.FieldColorModeId.Fixed).fixedColor(p.fixedColor));
  if (p.mappings) {
    const options: Record<string, sdk.ValueMappingResult> = {};
    p.mappings.forEach((m, index) => {
      options[String(m.value)] = { text: m.text, index, ...(m.color ? { color: m.color } : {}) };
    });
    builder.mappings([{ type: sdk.MappingType.ValueToText, options }]);
  }
  if (p.links) {
    builder.links(p.links.map((l) => new sdk.DashboardLinkBuilder(l.title).type(sdk.DashboardLinkType.Link).url(panelLinkUrl(l, ctx))));
  }
  placed.panel.queries.forEach((q, i) => {
    const target = new DataqueryBuilder().refId(placed.refIds[i]!).expr(q.expr).legendFormat(q.legend || '__auto');
    target.datasource(PANEL_DATASOURCE);
    if (q.instant) target.instant();
    else target.range();
    if (p.kind === 'table') target.format(PromQueryFormat.Table);
    builder.withTarget(target);
    // Grafana's "config from query results": the query's value becomes the field's min or max, and the query is
    // not shown.
    if (q.sets) {
      builder.withTransformation({
        id: 'configFromData',
        options: { configRefId: placed.refIds[i]!, mappings: [{ fieldName: q.legend, handlerKey: q.sets }] },
      });
    }
  });
  return builder;
}

function legend(): common.VizLegendOptionsBuilder {
  return new common.VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(common.LegendDisplayMode.List)
    .placement(common.LegendPlacement.Bottom)
    .calcs([]);
}

function newPanelBuilder(p: PanelModel): AnyPanelBuilder {
  switch (p.kind) {
    case 'timeseries': {
      const b = new TimeseriesBuilder().legend(legend()).fillOpacity(10).lineWidth(1).spanNulls(false);
      if (p.thresholdsStyle) b.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(THRESHOLDS_STYLE[p.thresholdsStyle]));
      if (p.stacked) b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
      return b;
    }
    case 'stat':
      return new StatBuilder()
        .colorMode(p.colorMode === 'background' ? common.BigValueColorMode.Background : p.colorMode === 'none' ? common.BigValueColorMode.None : common.BigValueColorMode.Value)
        .graphMode(common.BigValueGraphMode.None)
        .reduceOptions(new common.ReduceDataOptionsBuilder().calcs([p.reducer ?? 'lastNotNull']).values(false));
    case 'table':
      return new TableBuilder();
    case 'bargauge':
      return new BarGaugeBuilder()
        .legend(legend())
        .orientation(common.VizOrientation.Horizontal)
        .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  }
}

function queryVariable(v: QueryVariableModel): sdk.QueryVariableBuilder {
  const query = `label_values(${v.series}, ${v.labelName})`;
  const b = new sdk.QueryVariableBuilder(v.name)
    .label(v.label)
    .datasource(PANEL_DATASOURCE)
    .query(query)
    .refresh(sdk.VariableRefresh.OnTimeRangeChanged)
    .sort(sdk.VariableSort.AlphabeticalAsc)
    .multi(v.multi)
    .includeAll(v.includeAll);
  if (v.includeAll) b.allValue('.*').current({ text: 'All', value: '$__all' });
  return b;
}

/** Dashboard JSON (as a plain object) for one dashboard. */
export function emitDashboard(resolved: ResolvedDashboard, ctx: DashboardEmitContext): Record<string, unknown> {
  const model = resolved.dashboard;
  const builder = new sdk.DashboardBuilder(model.title)
    .uid(resolved.uid)
    .description(`${model.description}\n\n${ctx.generatedNote}`)
    .tags([...new Set([ctx.projectTag, ...model.tags])])
    .tooltip(sdk.DashboardCursorSync.Crosshair)
    .time({ from: model.timeFrom, to: 'now' })
    .timezone('browser')
    .refresh(model.refresh)
    .withVariable(
      new sdk.DatasourceVariableBuilder(DATASOURCE_VARIABLE)
        .label('Data source')
        .type('prometheus')
        .current({ text: ctx.datasource.name, value: ctx.datasource.uid }),
    )
    .link(
      new sdk.DashboardLinkBuilder(ctx.projectName)
        .type(sdk.DashboardLinkType.Dashboards)
        .tags([ctx.projectTag])
        .asDropdown(true)
        .includeVars(false)
        .keepTime(true),
    );
  for (const v of model.variables) builder.withVariable(queryVariable(v));
  for (const placedRow of resolved.rows) {
    builder.withRow(new sdk.RowBuilder(placedRow.row.title).id(placedRow.id).gridPos({ ...placedRow.gridPos }));
    for (const placed of placedRow.panels) builder.withPanel(basePanel(placed, ctx));
  }
  if (ctx.editable) builder.editable();
  else builder.readonly();
  const json = withoutSdkDefaults(builder.build() as unknown as Record<string, unknown>);
  return { ...json, schemaVersion: ctx.target.schemaVersion, id: null, version: 1 };
}
