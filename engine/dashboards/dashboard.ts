/** Dashboard, row and variable factories. */
import type { DashboardModel, PanelModel, QueryVariableModel, RowModel } from '../model/dashboard';
import type { SeriesSelector } from '../promql/selector';

/** A titled row of panels, laid out left to right and wrapping at 24 columns. */
export function row(title: string, panels: readonly PanelModel[]): RowModel {
  return { title, panels };
}

/**
 * A variable offering the values of one label of a series: `label_values(series, label)`.
 * The label must be one the series can carry.
 */
export function labelValuesVariable<L extends string>(options: {
  readonly name: string;
  readonly label: string;
  readonly series: SeriesSelector<L>;
  readonly labelName: L;
  /** @default true */
  readonly includeAll?: boolean;
  /** @default true */
  readonly multi?: boolean;
}): QueryVariableModel {
  return {
    name: options.name,
    label: options.label,
    series: String(options.series),
    labelName: options.labelName,
    includeAll: options.includeAll ?? true,
    multi: options.multi ?? true,
  };
}

/** What a dashboard definition declares. */
export interface DashboardOptions {
  /** Short slug (`[a-z0-9-]`); the uid and file name derive from it, so it never changes once published. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly folder: string;
  readonly tags?: readonly string[];
  readonly rows: readonly RowModel[];
  readonly variables?: readonly QueryVariableModel[];
  /** @default 'now-6h' */
  readonly timeFrom?: string;
  /** @default '30s' */
  readonly refresh?: string;
  /** `import.meta.url` of the definition file; generated files name it. */
  readonly source: string;
  /** Checks silenced for this dashboard and all its panels, each with its reason. */
  readonly silence?: DashboardModel['silence'];
}

/** A dashboard definition. */
export function dashboard(options: DashboardOptions): DashboardModel {
  return {
    id: options.id,
    title: options.title,
    description: options.description,
    folder: options.folder,
    tags: options.tags ?? [],
    rows: options.rows,
    variables: options.variables ?? [],
    timeFrom: options.timeFrom ?? 'now-6h',
    refresh: options.refresh ?? '30s',
    source: options.source,
    ...(options.silence ? { silence: options.silence } : {}),
  };
}
