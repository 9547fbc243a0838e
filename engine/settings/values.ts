/**
 * The kinds of value a project's settings hold, as zod schemas with a default, a unit and a range. A value that is
 * out of range fails validation with a message saying the unit and the range, whether it was written in the
 * TypeScript defaults or in a `--config` override file. Each schema carries its kind as metadata, so tools (the
 * override property test, the docs) can tell a ratio from a count without guessing from its name.
 */
import { z } from 'zod';
import { durationSeconds, type Duration } from '../promql/duration';

/** What kind of quantity a setting is. */
export type SettingKind = 'ratio' | 'seconds' | 'hours' | 'count' | 'pending' | 'window' | 'objective' | 'url' | 'host-port' | 'text' | 'file' | 'version';

/** Metadata every setting carries. */
export interface SettingMeta {
  readonly kind: SettingKind;
}

/** The kind of a setting's schema, if it is one made here. */
export function settingKind(schema: z.ZodType): SettingKind | undefined {
  return (schema.meta() as Partial<SettingMeta> | undefined)?.kind;
}

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const DURATION_MESSAGE = 'must be a Prometheus duration such as 30s, 5m or 1h';

const duration = (allowZero: boolean) =>
  z
    .string({ error: DURATION_MESSAGE })
    .regex(DURATION, { message: DURATION_MESSAGE, abort: true })
    .refine((d) => allowZero || durationSeconds(d) > 0, 'must be a duration longer than 0')
    .transform((d) => d as Duration);

const finite = (message: string) => z.number({ error: message }).finite(message);

/** A share from 0 up to, not including, 1 (0.05 is 5 %): a ratio an alert compares with `>`. */
export function ratio(defaultValue: number) {
  const message = 'must be a ratio from 0 up to (not including) 1, e.g. 0.05 for 5 %';
  return finite(message).min(0, message).lt(1, message).default(defaultValue).meta({ kind: 'ratio' } satisfies SettingMeta);
}

/** A number of seconds above 0; `whole` for seconds that become a PromQL duration (`[120s]`), which has no fraction. */
export function seconds(defaultValue: number, options: { readonly whole?: boolean } = {}) {
  const message = options.whole ? 'must be a whole number of seconds above 0' : 'must be a number of seconds above 0';
  const schema = finite(message).gt(0, message);
  return (options.whole ? schema.int(message) : schema).default(defaultValue).meta({ kind: 'seconds' } satisfies SettingMeta);
}

/** A whole number of hours, at least 1. */
export function hours(defaultValue: number) {
  const message = 'must be a whole number of hours, at least 1';
  return finite(message).int(message).min(1, message).default(defaultValue).meta({ kind: 'hours' } satisfies SettingMeta);
}

/** A whole count of events, at least `min` (1 unless said otherwise). */
export function count(defaultValue: number, min = 1) {
  const message = `must be a whole number of at least ${min}`;
  return finite(message).int(message).min(min, message).default(defaultValue).meta({ kind: 'count' } satisfies SettingMeta);
}

/** How long a condition must hold before its alert fires (`for`): a duration, 0 for at once. */
export function pending(defaultValue: Duration) {
  return duration(true).default(defaultValue).meta({ kind: 'pending' } satisfies SettingMeta);
}

/**
 * A window an expression looks back over: a duration longer than 0, and at least `atLeast` when given (a window
 * an alert counts events in must hold several scrapes, and a minute for its scenarios to tell it apart).
 */
export function window(defaultValue: Duration, atLeast?: Duration) {
  const base = duration(false);
  const schema = atLeast ? base.refine((d) => durationSeconds(d) >= durationSeconds(atLeast), `must be at least ${atLeast}`) : base;
  return schema.default(defaultValue).meta({ kind: 'window' } satisfies SettingMeta);
}

/** An SLO objective in percent, strictly between 0 and 100. */
export function objective(defaultValue: number) {
  const message = 'must be a percentage above 0 and below 100, e.g. 99.5';
  return finite(message).gt(0, message).lt(100, message).default(defaultValue).meta({ kind: 'objective' } satisfies SettingMeta);
}

/** An http(s) URL. */
export function url(defaultValue: string) {
  const message = 'must be an http(s) URL';
  return z.string({ error: message }).regex(/^https?:\/\/[^\s]+$/, message).default(defaultValue).meta({ kind: 'url' } satisfies SettingMeta);
}

/** A scrape target as `host:port`. */
export function hostPort() {
  const message = 'must be host:port, e.g. cdb_core:8002';
  return z.string({ error: message }).regex(/^[a-zA-Z0-9_.-]+:\d{1,5}$/, message).meta({ kind: 'host-port' } satisfies SettingMeta);
}

/**
 * The version of a product the output is made for, `major.minor.patch`, of one of the release `lines` the build
 * can target (`11.6` accepts 11.6.x).
 */
export function versionOf(product: string, lines: readonly string[], defaultValue: string) {
  const message = `must be a ${product} version the build can target: ${lines.map((l) => `${l}.x`).join(' or ')}`;
  return z
    .string({ error: message })
    .refine((v) => {
      const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
      return m !== null && lines.includes(`${Number(m[1])}.${Number(m[2])}`);
    }, message)
    .default(defaultValue)
    .meta({ kind: 'version' } satisfies SettingMeta);
}

/** Text that must not be empty. */
export function text(defaultValue: string) {
  return z.string({ error: 'must be text' }).min(1, 'must not be empty').default(defaultValue).meta({ kind: 'text' } satisfies SettingMeta);
}

/** The path of a file inside `dir` (a mount of the container that reads it), e.g. a secret. */
export function fileIn(dir: string, defaultValue: string) {
  const message = `must be the path of a file in ${dir}/ (the mount it is read from)`;
  return z
    .string({ error: message })
    .refine((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).split('/').includes('..') && p.length > dir.length + 1, message)
    .default(defaultValue)
    .meta({ kind: 'file' } satisfies SettingMeta);
}

/**
 * A group of settings: unknown keys are errors, and a missing group takes every default. `check` relates values
 * of the group to each other; it returns the key at fault and what is wrong, or undefined.
 */
export function group<S extends z.ZodRawShape>(shape: S, check?: (values: Record<string, unknown>) => { readonly path: string; readonly message: string } | undefined) {
  const object = z.strictObject(shape);
  // Every member has a default or is optional, so the empty object is valid input; the generic type cannot tell.
  const empty = {} as z.input<typeof object>;
  if (!check) return object.prefault(empty);
  return object
    .superRefine((values, ctx) => {
      const problem = check(values as Record<string, unknown>);
      if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    })
    .prefault(empty);
}
