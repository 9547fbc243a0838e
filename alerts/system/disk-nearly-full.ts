/**
 * CdbDiskNearlyFull: a host filesystem's free share is at or below its threshold. The prediction
 * (CdbDiskWillFillBeforeBlockEnds) looks at growth: a disk that is already full and stays flat predicts 0 free, not
 * less, and resolves. This one looks at what is left, so a full disk keeps paging.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, countsAround } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { div, eq, gt, le, select, unless } from '../../engine/promql';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { REAL_FILESYSTEMS } from '../../config/monitoring';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { percent } from './ratios';
import { outage } from './outage';

export function cdbDiskNearlyFull(settings: Settings): AlertModel {
  const { freeRatio, for: pending } = settings.thresholds.CdbDiskNearlyFull;
  const node = exporterTargetLabels('node');
  const root = { ...node, device: '/dev/nvme0n1p2', fstype: 'ext4', mountpoint: '/' };
  const shm = { ...node, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/dev/shm' };
  type Filesystem = typeof root;

  /**
   * Free space in GiB of a disk of `counts.total` GiB: k GiB free is k/total of it (a power of two per unit keeps
   * the float ratio exact), just around the threshold.
   */
  const counts = countsAround(freeRatio);
  const GIB = 2 ** 30;
  const SIZE = counts.total * GIB;
  /** Free space just past the threshold: just below it, or none at all for a threshold of 0 (which `<=` still takes). */
  const full = counts.below ?? 0;
  const share = (gib: number) => (gib * GIB) / SIZE;
  const o = outage(pending);
  /** A filesystem with `before` GiB free at minute 0 and `after` from minute 1 on, through the firing minute. */
  const disk = (fs: Filesystem, values: string) => [
    series(select(exporters.nodeFilesystemAvailBytes, fs), values),
    series(select(exporters.nodeFilesystemSizeBytes, fs), o.steady(SIZE)),
  ];
  const filling = (fs: Filesystem, after: number) => disk(fs, o.values(counts.above * GIB, after * GIB));

  const description = (mountpoint: string, device: string, instance: string, value: string) =>
    `${mountpoint} (${device}) on ${instance} has ${value} of its space free, at or below ${percent(freeRatio)}: PostgreSQL, Prometheus and the container logs fail to write when it reaches 0.`;
  const firing = (fs: Filesystem, gib: number) => [
    { labels: fs, description: description(fs.mountpoint, fs.device, fs.instance, humanizePercentage(share(gib))) },
  ];

  const cdbDiskNearlyFull = alert({
    name: 'CdbDiskNearlyFull',
    // A read-only filesystem takes no writes: its free space does not matter.
    expr: unless(
      le(div(select(exporters.nodeFilesystemAvailBytes, REAL_FILESYSTEMS), gt(select(exporters.nodeFilesystemSizeBytes, REAL_FILESYSTEMS), 0)), freeRatio),
      eq(select(exporters.nodeFilesystemReadonly, REAL_FILESYSTEMS), 1),
      { on: ['instance', 'device', 'mountpoint'] },
    ),
    for: pending,
    severity: 'critical',
    // As for the prediction: the alert is about the host whatever the scrape config labels node_exporter's series.
    labels: { ...cdbLabels('system'), service: EXPORTER_JOBS.node.watches },
    summary: 'A host filesystem is full or nearly full.',
    description: description('{{ $labels.mountpoint }}', '{{ $labels.device }}', '{{ $labels.instance }}', '{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Disk space free' },
    runbook: {
      meaning: `For ${pending}, node_filesystem_avail_bytes / node_filesystem_size_bytes of a real filesystem (tmpfs, overlay and squashfs excluded, read-only ones too) has been at or below ${percent(freeRatio)}. Unlike CdbDiskWillFillBeforeBlockEnds, which needs growth to predict from and resolves once a full disk stops changing, this keeps firing for as long as the space is not freed.`,
      impact:
        'At 0 bytes free PostgreSQL stops writing (orders, fills, signals and reports of the block are lost, and it may refuse to start after a restart), Prometheus stops storing samples (every alert goes blind), and docker cannot write container logs. The block is damaged from that moment.',
      diagnose: [
        'Open the system dashboard, "Disk space free": which mount point, and whether it filled slowly (see the prediction panel) or at once.',
        'Find what fills it: `du -xh --max-depth=2 <mountpoint> | sort -h | tail` — usually /var/lib/docker/containers (container logs), the PostgreSQL data volume or the Prometheus TSDB.',
        '`docker system df` for images, volumes and build cache that can go.',
      ],
      mitigate: [
        'Free space at once: truncate the largest container log (`truncate -s 0 /var/lib/docker/containers/<id>/<id>-json.log`), remove unused images and volumes, old dumps and backups.',
        'Then stop the growth: log rotation for the json-file driver (`max-size`, `max-file`), a shorter Prometheus retention, a larger volume.',
        'Check that PostgreSQL and Prometheus write again (CdbPostgresDown, CdbDbWriteErrors, CdbPrometheusRuleEvaluationFailures) and record the full window in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a disk with 0 bytes free from minute ${o.start}, flat, fires at minute ${o.fires}, after its ${pending} for`, {
        input: filling(root, 0),
        at: at(o.fires),
        fires: firing(root, 0),
        proves: ['firing-minute'],
      }),
      scenario(`the same full disk stays quiet one minute earlier, at minute ${o.before}`, { input: filling(root, 0), at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      scenario(`a disk with ${percent(share(full))} free, ${full === 0 ? 'exactly at' : 'just below'} the ${percent(freeRatio)} threshold, fires at minute ${o.fires}`, {
        input: filling(root, full),
        at: at(o.fires),
        fires: firing(root, full),
        proves: ['edge-above'],
      }),
      scenario(`a disk with ${percent(share(counts.above))} free, just above the ${percent(freeRatio)} threshold, stays quiet`, {
        input: disk(root, o.steady(counts.above * GIB)),
        at: at(o.fires),
        fires: 'quiet',
        proves: ['edge-below'],
      }),
      scenario('a full read-only filesystem stays quiet', {
        input: [...filling(root, 0), series(select(exporters.nodeFilesystemReadonly, root), o.steady(1))],
        at: at(o.fires),
        fires: 'quiet',
      }),
      scenario('a full tmpfs is not watched', { input: filling(shm, 0), at: at(o.fires), fires: 'quiet' }),
    ],
  });
  return cdbDiskNearlyFull;
}
