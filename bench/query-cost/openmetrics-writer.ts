/**
 * Writes stored series as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`, one file per block
 * window: promtool reads its whole input once per two-hour block, so one file per window keeps a 72-hour backfill
 * linear. Within a file each family's samples are contiguous, as OpenMetrics requires.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { StoredSeries } from './series-store';

const OPENMETRICS_TYPE: Record<StoredSeries['type'], string> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  // Written as gauges: OpenMetrics info families need the _info suffix, which catalog info metrics may not have.
  info: 'gauge',
};

/** The OpenMetrics family name: counters are named without `_total`. */
const familyName = (s: StoredSeries) => (s.type === 'counter' ? s.family.replace(/_total$/, '') : s.family);

async function writeWindow(path: string, families: ReadonlyMap<string, StoredSeries[]>, timestamps: readonly number[], from: number, to: number): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  const flush = async () => {
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    buffer = '';
  };
  for (const [family, series] of families) {
    buffer += `# TYPE ${family} ${OPENMETRICS_TYPE[series[0]!.type]}\n`;
    for (const s of series) {
      const prefix = s.labels ? `${s.name}{${s.labels}} ` : `${s.name} `;
      for (let i = from; i < to; i++) {
        const v = s.values[i]!;
        if (!Number.isNaN(v)) buffer += `${prefix}${v} ${timestamps[i]}\n`;
      }
      if (buffer.length > 1 << 20) await flush();
    }
  }
  buffer += '# EOF\n';
  await flush();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * Writes `series` under `dir`, one file per `blockSeconds` window aligned as promtool aligns its blocks (to
 * multiples of the block length since the epoch); returns their paths.
 */
export async function writeOpenMetricsWindows(
  series: Iterable<StoredSeries>,
  timestamps: readonly number[],
  blockSeconds: number,
  dir: string,
  /** Called with each file as soon as it is complete. */
  onFile: (path: string) => void = () => {},
): Promise<string[]> {
  const families = new Map<string, StoredSeries[]>();
  for (const s of series) {
    const name = familyName(s);
    const list = families.get(name);
    if (list) list.push(s);
    else families.set(name, [s]);
  }
  const paths: string[] = [];
  for (let from = 0; from < timestamps.length; ) {
    const block = Math.floor(timestamps[from]! / blockSeconds);
    let to = from;
    while (to < timestamps.length && Math.floor(timestamps[to]! / blockSeconds) === block) to++;
    const path = join(dir, `window-${String(paths.length).padStart(3, '0')}.om`);
    await writeWindow(path, families, timestamps, from, to);
    paths.push(path);
    onFile(path);
    from = to;
  }
  return paths;
}
