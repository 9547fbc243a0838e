/** The recording rules of a generated tree, read from its rule files, with each group's evaluation interval. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { InlinableRule } from '../../engine/promql/inline-recording-rules';

interface RuleFile {
  groups: { name: string; interval?: string; rules: { record?: string; alert?: string; expr: string; labels?: Record<string, string> }[] }[];
}

export interface GeneratedGroup {
  readonly file: string;
  readonly name: string;
  readonly interval: string;
  readonly recording: readonly InlinableRule[];
}

/** Every rule group of `rulesDir`; `defaultInterval` is prometheus.yml's evaluation_interval. */
export function readRuleGroups(rulesDir: string, defaultInterval: string): GeneratedGroup[] {
  return readdirSync(rulesDir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .flatMap((file) =>
      (parse(readFileSync(join(rulesDir, file), 'utf8')) as RuleFile).groups.map((g) => ({
        file,
        name: g.name,
        interval: g.interval ?? defaultInterval,
        recording: g.rules.flatMap((r) => (r.record ? [{ record: r.record, expr: r.expr, labels: r.labels ?? {}, interval: g.interval ?? defaultInterval }] : [])),
      })),
    );
}
