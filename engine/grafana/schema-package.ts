/**
 * The schema of a target Grafana line, read from the `@grafana/schema` package pinned for it: the dashboard types
 * (the classic JSON model Grafana provisions from files), the common types, and each panel plugin's options and
 * field config. Files are read on first use and kept for the process; only the panel types asked for are read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readDeclarations, type Declaration, type DeclarationFile, type TypeNode } from './declarations';
import type { GrafanaTarget } from './targets';
import type { Scope, Typed } from './type-scope';

/** The module name panel option files import the common types by. */
const COMMON_MODULE = '@grafana/schema';
/** The namespace under which a panel's dashboard scope reaches the panel plugin's own types. */
const PANEL_NAMESPACE = 'panel';
const PANEL_MODULE = 'panel plugin';

/**
 * Panel plugin ids whose schema folder is not the id in lower case without dashes (`state-timeline` →
 * `statetimeline`).
 */
const PANEL_FOLDERS: Readonly<Record<string, string>> = { dashlist: 'dashboardlist', annolist: 'annotationslist' };

/** A target line's schema. */
export interface GrafanaSchema {
  readonly target: GrafanaTarget;
  /** `@grafana/schema <version>`, for messages. */
  readonly packageTitle: string;
  /** The dashboard's type, with panels left as the generic Panel (options and custom field config untyped). */
  readonly dashboard: Typed;
  /** The row panel's type. */
  readonly rowPanel: Typed;
  /**
   * The type of a panel of plugin `panelType`, its options and custom field config those of the plugin, or
   * undefined when the line has no schema for the plugin.
   */
  panel(panelType: string): Typed | undefined;
  /** The scopes read so far, for the coverage test of the reader. */
  scopes(): readonly Scope[];
}

function declarationFileIn(dir: string): string {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.d.ts') || f.endsWith('.d.mts')) : [];
  if (files.length !== 1) throw new Error(`expected one declaration file in ${dir}, found ${files.length}`);
  return join(dir, files[0]!);
}

/** The directory of the package's generated declarations (`dist/types` from 12.x on, `dist/esm` before). */
function declarationsRoot(packageDir: string): string {
  const root = ['dist/types', 'dist/esm'].map((d) => join(packageDir, d)).find((d) => existsSync(join(d, 'raw', 'dashboard', 'x')));
  if (!root) throw new Error(`${packageDir} has no raw dashboard declarations: is it @grafana/schema?`);
  return root;
}

const ref = (name: string, namespace?: string): TypeNode => (namespace ? { kind: 'ref', name, namespace, args: [] } : { kind: 'ref', name, args: [] });

/**
 * The dashboard scope for panels of one plugin: the dashboard declarations with Panel's `options` and
 * FieldConfig's `custom` typed by the plugin's `Options` and `FieldConfig` (no keys at all where it declares none).
 */
function panelDashboardScope(dashboard: Scope, plugin: Scope, panelType: string): Scope {
  const declarations = new Map(dashboard.file.declarations);
  const withMember = (name: string, member: string, type: TypeNode) => {
    const d = declarations.get(name);
    if (d?.kind !== 'interface') throw new Error(`the dashboard schema has no interface ${name}`);
    const members = new Map(d.members);
    members.set(member, { optional: members.get(member)?.optional ?? true, type });
    declarations.set(name, { ...d, members } satisfies Declaration);
  };
  const pluginType = (name: string): TypeNode => (plugin.file.declarations.has(name) ? ref(name, PANEL_NAMESPACE) : { kind: 'object', members: new Map() });
  withMember('Panel', 'options', pluginType('Options'));
  withMember('FieldConfig', 'custom', pluginType('FieldConfig'));
  const file: DeclarationFile = { ...dashboard.file, declarations, namespaces: new Map([...dashboard.file.namespaces, [PANEL_NAMESPACE, PANEL_MODULE]]) };
  return { title: `${panelType} panel`, file, modules: new Map([...dashboard.modules, [PANEL_MODULE, plugin]]) };
}

function loadSchema(target: GrafanaTarget): GrafanaSchema {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${target.schemaPackage}/package.json`);
  const packageDir = dirname(packageJson);
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const root = declarationsRoot(packageDir);
  const read = (file: string) => readDeclarations(readFileSync(file, 'utf8'));
  const common: Scope = { title: 'common types', file: read(join(root, 'common', 'common.gen.d.ts')), modules: new Map() };
  const dashboard: Scope = { title: 'dashboard', file: read(declarationFileIn(join(root, 'raw', 'dashboard', 'x'))), modules: new Map([[COMMON_MODULE, common]]) };
  const panels = new Map<string, Typed | undefined>();
  const plugins: Scope[] = [];
  const panel = (panelType: string): Typed | undefined => {
    if (!panels.has(panelType)) {
      const folder = PANEL_FOLDERS[panelType] ?? panelType.toLowerCase().replace(/-/g, '');
      const dir = join(root, 'raw', 'composable', folder, 'panelcfg', 'x');
      if (!existsSync(dir)) panels.set(panelType, undefined);
      else {
        const plugin: Scope = { title: `${panelType} panel options`, file: read(declarationFileIn(dir)), modules: new Map([[COMMON_MODULE, common]]) };
        plugins.push(plugin);
        panels.set(panelType, { type: ref('Panel'), scope: panelDashboardScope(dashboard, plugin, panelType) });
      }
    }
    return panels.get(panelType);
  };
  return {
    target,
    packageTitle: `@grafana/schema ${version}`,
    dashboard: { type: ref('Dashboard'), scope: dashboard },
    rowPanel: { type: ref('RowPanel'), scope: dashboard },
    panel,
    scopes: () => [common, dashboard, ...plugins],
  };
}

const loaded = new Map<string, GrafanaSchema>();

/** The schema of `target`'s line, read once per process. */
export function grafanaSchema(target: GrafanaTarget): GrafanaSchema {
  let schema = loaded.get(target.line);
  if (!schema) {
    schema = loadSchema(target);
    loaded.set(target.line, schema);
  }
  return schema;
}
