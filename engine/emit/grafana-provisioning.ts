/** Grafana provisioning files: the Prometheus datasource and one dashboard provider per folder. */
import type { DatasourceModel } from '../model/project';
import { yamlFile } from './yaml-text';

/** datasources/<file>.yml text. */
export function emitDatasource(ds: DatasourceModel, sources: readonly string[]): string {
  return yamlFile(
    {
      apiVersion: 1,
      datasources: [
        {
          name: ds.name,
          type: 'prometheus',
          uid: ds.uid,
          access: 'proxy',
          url: ds.url,
          isDefault: true,
          editable: false,
          jsonData: { httpMethod: 'POST', timeInterval: ds.scrapeInterval },
        },
      ],
    },
    sources,
  );
}

/** A provider: a Grafana folder and the directory its dashboard files are in. */
export interface DashboardProvider {
  readonly name: string;
  readonly folder: string;
  readonly folderUid: string;
  /** Directory inside the Grafana container. */
  readonly path: string;
}

/** dashboards/providers.yml text; `allowUiUpdates` says whether Grafana saves changes made in its UI. */
export function emitDashboardProviders(providers: readonly DashboardProvider[], allowUiUpdates: boolean, sources: readonly string[]): string {
  return yamlFile(
    {
      apiVersion: 1,
      providers: providers.map((p) => ({
        name: p.name,
        orgId: 1,
        folder: p.folder,
        folderUid: p.folderUid,
        type: 'file',
        disableDeletion: true,
        allowUiUpdates,
        updateIntervalSeconds: 60,
        options: { path: p.path, foldersFromFilesStructure: false },
      })),
    },
    sources,
  );
}
