/** CdbDiskWillFillBeforeBlockEnds: at its current growth, a host filesystem fills before a block can end. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt, valuesAround } from '../../engine/rules/derive';
import { humanize1024 } from '../../engine/rules/humanize';
import { eq, lt, notMatchesRegex, predictLinear, select, unless } from '../../engine/promql';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { DASHBOARD_IDS, diskPredictionPanel } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import { REAL_FILESYSTEMS } from '../../config/monitoring';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { counter, expectAlert, firstHolding, gauge, predictLinear as predictedAt, type Samples } from './simulate';

export function cdbDiskWillFillBeforeBlockEnds(settings: Settings): AlertModel {
  const { lookback, for: pending } = settings.thresholds.CdbDiskWillFillBeforeBlockEnds;
  const horizonHours = settings.block.hours;
  const node = exporterTargetLabels('node');
  const root = { ...node, device: '/dev/nvme0n1p2', fstype: 'ext4', mountpoint: '/' };
  const shm = { ...node, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/dev/shm' };
  const avail = (fs: typeof root, values: Samples) => series(select(exporters.nodeFilesystemAvailBytes, fs), values.notation);
  const description = (mountpoint: string, device: string, instance: string, value: string) =>
    `At the growth of the last ${lookback}, ${mountpoint} (${device}) on ${instance} will have ${value}B free in ${horizonHours} hours: it fills before the block can end.`;

  /** Bytes a minute the filling disks lose (2.4 GB an hour), a free choice: the block length decides what fills in time. */
  const DRAIN = 40_000_000;
  const gb = (bytes: number) => `${Number((bytes / 1e9).toPrecision(4))} GB`;
  const hours = (minutes: number) => `${Number((minutes / 60).toFixed(1))}`;
  /** Free space of a disk that loses DRAIN bytes a minute from minute 0 and is full at minute `full`, through minute `through`. */
  const filling = (full: number, through: number) => counter(through, [[0, -DRAIN]], { initial: DRAIN * full });
  /** What the alert expression returns at `minute`: the free space predicted for the end of a block. */
  const predicted = (s: Samples, minute: number) => predictedAt(s, minute, lookback, horizonHours * 3600);
  const holds = (s: Samples) => (minute: number) => (predicted(s, minute) ?? 0) < 0;

  /** The first minute the lookback holds the two samples a prediction needs; a disk filling within the block holds from then on. */
  const BLOCK_MINUTES = horizonHours * 60;
  const first = firstHolding((t) => predicted(filling(BLOCK_MINUTES, 2), t) !== undefined, 0, 2);
  if (first === undefined) throw new Error(`CdbDiskWillFillBeforeBlockEnds: a lookback of ${lookback} never holds two samples a minute apart`);
  const fires = firesAt(first, pending);
  /** Disks that, seen from the firing minute, fill 10 % before and 10 % after the end of a block. */
  const margin = valuesAround(BLOCK_MINUTES);
  // Full within the block already at `first`, and not yet full at `fires`.
  const fullSoon = Math.min(fires + Math.round(margin.below), first + BLOCK_MINUTES - 1);
  if (fullSoon <= fires) {
    throw new Error(`CdbDiskWillFillBeforeBlockEnds: a for of ${pending} is not shorter than the ${horizonHours}-hour block: a disk that fills within the block is full before the alert fires`);
  }
  const fullLate = fires + Math.round(margin.above);
  const soon = filling(fullSoon, fires);
  const late = filling(fullLate, fires);
  expectAlert('a disk filling within the block', holds(soon), pending, fires, 'fires');
  expectAlert('a disk filling within the block, one minute earlier', holds(soon), pending, fires - 1, 'quiet');
  expectAlert('a disk filling after the block', holds(late), pending, fires, 'quiet');

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
      meaning: `A linear fit of the filesystem's free space over the last ${lookback} (predict_linear on node_filesystem_avail_bytes, tmpfs, overlay and squashfs excluded) reaches zero within ${horizonHours} hours, and has for ${pending}. The negative value in the description is how far short the disk would fall. A disk already full and no longer changing predicts 0, not less, and resolves this alert: CdbDiskNearlyFull pages for it.`,
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
      scenario(`a disk with ${gb(DRAIN * fullSoon)} free losing ${gb(DRAIN * 60)} an hour fills ${hours(fullSoon - fires)} hours after minute ${fires}, within the ${horizonHours}-hour block: fires at minute ${fires}`, {
        input: [avail(root, soon)],
        at: at(fires),
        fires: [{ labels: root, description: description(root.mountpoint, root.device, root.instance, humanize1024(predicted(soon, fires)!)) }],
        proves: ['firing-minute'],
      }),
      scenario(`the same fill stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [avail(root, soon)],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`a disk with ${gb(DRAIN * fullLate)} free losing ${gb(DRAIN * 60)} an hour fills ${hours(fullLate - fires)} hours after minute ${fires}, after the ${horizonHours}-hour block: stays quiet`, {
        input: [avail(root, late)],
        at: at(fires),
        fires: 'quiet',
      }),
      scenario('the same fill on a read-only filesystem stays quiet', {
        input: [avail(root, soon), series(select(exporters.nodeFilesystemReadonly, root), gauge(fires, [[0, 1]]).notation)],
        at: at(fires),
        fires: 'quiet',
      }),
      scenario('a filling tmpfs is not watched', { input: [avail(shm, soon)], at: at(fires), fires: 'quiet' }),
      scenario('a steady disk stays quiet', { input: [avail(root, gauge(fires, [[0, DRAIN * fullSoon]]))], at: at(fires), fires: 'quiet' }),
    ],
  });
  return cdbDiskWillFillBeforeBlockEnds;
}
