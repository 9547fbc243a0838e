/** CdbDiskWillFillBeforeBlockEnds: at its current growth, a host filesystem fills before a block can end. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { eq, lt, notMatchesRegex, predictLinear, select, unless } from '../../engine/promql';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { DASHBOARD_IDS, diskPredictionPanel } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import { REAL_FILESYSTEMS } from '../../config/monitoring';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbDiskWillFillBeforeBlockEnds(settings: Settings): AlertModel {
  const { lookback, for: pending } = settings.thresholds.CdbDiskWillFillBeforeBlockEnds;
  const horizonHours = settings.block.hours;
  const node = exporterTargetLabels('node');
  const root = { ...node, device: '/dev/nvme0n1p2', fstype: 'ext4', mountpoint: '/' };
  const shm = { ...node, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/dev/shm' };
  const avail = (fs: typeof root, values: string) => series(select(exporters.nodeFilesystemAvailBytes, fs), values);
  const description = (mountpoint: string, device: string, instance: string, value: string) =>
    `At the growth of the last ${lookback}, ${mountpoint} (${device}) on ${instance} will have ${value}B free in ${horizonHours} hours: it fills before the block can end.`;

  const cdbDiskWillFillBeforeBlockEnds = alert({
    name: 'CdbDiskWillFillBeforeBlockEnds',
    // A read-only filesystem cannot fill, whatever its history says.
    expr: unless(
      lt(predictLinear(select(exporters.nodeFilesystemAvailBytes, REAL_FILESYSTEMS).over(lookback), horizonHours * 3600), 0),
      eq(select(exporters.nodeFilesystemReadonly, REAL_FILESYSTEMS), 1),
      { on: ['instance', 'device', 'mountpoint'] },
    ),
    for: pending,
    severity: 'warning',
    // node_exporter's series carry service="host" already; set statically too, so the alert is about the host
    // whatever the scrape config labels them.
    labels: { ...cdbLabels('system'), service: EXPORTER_JOBS.node.watches },
    summary: `A host filesystem will fill before a ${horizonHours}-hour block can end.`,
    description: description('{{ $labels.mountpoint }}', '{{ $labels.device }}', '{{ $labels.instance }}', '{{ $value | humanize1024 }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: diskPredictionPanel(settings) },
    runbook: {
      meaning: `A linear fit of the filesystem's free space over the last ${lookback} (predict_linear on node_filesystem_avail_bytes, tmpfs, overlay and squashfs excluded) reaches zero within ${horizonHours} hours, and has for ${pending}. The negative value in the description is how far short the disk would fall.`,
      impact:
        'A full disk stops PostgreSQL writing (orders, fills, signals and reports of the block are lost), Prometheus from storing samples, and docker from writing container logs; services then fail in ways that look unrelated. Caught now, there is time to act before the block is damaged.',
      diagnose: [
        `Open the system dashboard, "${diskPredictionPanel(settings)}" and "Disk space free": which mount point, and since when the slope changed.`,
        'Find what grows: `du -xh --max-depth=2 <mountpoint> | sort -h | tail`; the usual suspects are /var/lib/docker/containers (json-file container logs without rotation), the PostgreSQL data volume, and the Prometheus TSDB volume.',
        'For PostgreSQL, compare with `pg_database_size_bytes` on the database dashboard; for Prometheus, `prometheus_tsdb_storage_blocks_bytes`.',
        'A sudden large write (a backup, a dump) also makes the fit steep: check whether the growth continues after it ended before acting.',
      ],
      mitigate: [
        'Container logs: set `logging.options.max-size`/`max-file` for the json-file driver in the compose file; truncate the largest log of a running container only as a last resort.',
        'Prometheus: lower its retention (`--storage.tsdb.retention.time` or `.size`) and restart it between blocks.',
        'Remove unused docker images and volumes (`docker system df`, then `docker image prune`), old dumps and backups; grow the volume if the growth is legitimate.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('a disk losing 2.4 GB per hour with 150 GB free fires', {
        input: [avail(root, '150000000000-40000000x60')],
        at: '1h',
        fires: [
          {
            labels: root,
            description: description(root.mountpoint, root.device, root.instance, '-23.47Gi'),
          },
        ],
      }),
      scenario('the same fill seen for less than the for duration stays quiet', {
        input: [avail(root, '150000000000-40000000x60')],
        at: '20m',
        fires: 'quiet',
      }),
      scenario('the same fill on a read-only filesystem stays quiet', {
        input: [avail(root, '150000000000-40000000x60'), series(select(exporters.nodeFilesystemReadonly, root), '1x60')],
        at: '1h',
        fires: 'quiet',
      }),
      scenario('a disk losing 0.6 GB per hour with 150 GB free stays quiet', {
        input: [avail(root, '150000000000-10000000x60')],
        at: '1h',
        fires: 'quiet',
      }),
      scenario('a filling tmpfs is not watched', {
        input: [avail(shm, '8000000000-40000000x60')],
        at: '1h',
        fires: 'quiet',
      }),
      scenario('a steady disk stays quiet', { input: [avail(root, '150000000000x60')], at: '1h', fires: 'quiet' }),
    ],
  });
  return cdbDiskWillFillBeforeBlockEnds;
}
