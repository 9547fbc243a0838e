/**
 * A parser of what a service serves on /metrics: the Prometheus text format 0.0.4 and the OpenMetrics 1.0 text
 * format, into metric families with their TYPE, HELP and every sample with its labels.
 *
 * Written here rather than taken from a package: conformance needs every sample with all its labels (each
 * histogram bucket series on its own, `le` included), untyped families kept apart, and OpenMetrics' counter and
 * info naming; the packages on the registry fold histograms and summaries into one object per family and lose the
 * labels of each series. Grouping follows what the Prometheus server does: a sample belongs to the family whose
 * TYPE allows its name (`foo_bucket` to histogram `foo`); a sample no TYPE claims forms an untyped family.
 */

/** Family types of both formats. `untyped` (0.0.4) and `unknown` (OpenMetrics) mean no TYPE line was given. */
export type FamilyType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'untyped'
  | 'unknown'
  | 'info'
  | 'stateset'
  | 'gaugehistogram';

/** The two text formats. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** One sample line. */
export interface Sample {
  /** The series name as written (`foo_bucket`, `foo_total`). */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** 1-based line in the exposition, for messages. */
  readonly line: number;
}

/** A metric family: one TYPE (declared or not), its HELP and its samples. */
export interface MetricFamily {
  readonly name: string;
  readonly type: FamilyType;
  /** False when no TYPE line named the family (it is then `untyped` or `unknown`). */
  readonly typeDeclared: boolean;
  readonly help?: string;
  readonly unit?: string;
  readonly samples: readonly Sample[];
}

export interface Exposition {
  readonly format: ExpositionFormat;
  /** Families in the order they first appear. */
  readonly families: readonly MetricFamily[];
}

/** Thrown for text that is not a valid exposition; says which line and why. */
export class ExpositionParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ExpositionParseError';
  }
}

const TYPES: Record<ExpositionFormat, readonly FamilyType[]> = {
  prometheus: ['counter', 'gauge', 'histogram', 'summary', 'untyped'],
  openmetrics: ['counter', 'gauge', 'histogram', 'summary', 'unknown', 'info', 'stateset', 'gaugehistogram'],
};

/**
 * Sample-name suffixes each family type owns ('' is the family name itself). OpenMetrics counters are named
 * without `_total` and own `_total` and `_created`; a 0.0.4 counter's TYPE already carries `_total`.
 */
const SUFFIXES: Record<ExpositionFormat, Record<FamilyType, readonly string[]>> = {
  prometheus: {
    counter: [''],
    gauge: [''],
    histogram: ['_bucket', '_sum', '_count', '_created'],
    summary: ['', '_sum', '_count', '_created'],
    untyped: [''],
    unknown: [''],
    info: [''],
    stateset: [''],
    gaugehistogram: [''],
  },
  openmetrics: {
    counter: ['_total', '_created'],
    gauge: [''],
    histogram: ['_bucket', '_sum', '_count', '_created'],
    summary: ['', '_sum', '_count', '_created'],
    untyped: [''],
    unknown: [''],
    info: ['_info'],
    stateset: [''],
    gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  },
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A sample value or timestamp: decimal, `NaN`, `+Inf`, `-Inf` (as the Prometheus server reads them). */
function parseFloatToken(token: string): number | undefined {
  if (/^[+-]?inf(inity)?$/i.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(token)) return NaN;
  return DECIMAL.test(token) ? Number(token) : undefined;
}

/** HELP text: `\\` and `\n` are escapes in both formats, `\"` only in OpenMetrics; other backslashes stay. */
function unescapeHelp(text: string, format: ExpositionFormat): string {
  return text.replace(/\\(.)/g, (all, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    if (c === '"' && format === 'openmetrics') return '"';
    return all;
  });
}

interface MutableFamily {
  name: string;
  type: FamilyType;
  typeDeclared: boolean;
  help?: string;
  unit?: string;
  samples: Sample[];
}

/** Reads one line at a time, with a cursor, so that errors can say where. */
class LineReader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly line: number,
  ) {}

  fail(reason: string): never {
    throw new ExpositionParseError(this.line, reason);
  }
  skipSpace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }
  match(re: RegExp): string | undefined {
    const m = re.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  /** The rest of the line up to the next blank. */
  token(): string {
    this.skipSpace();
    return this.match(/^[^ \t]+/) ?? '';
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** `{name="value",...}`; escapes `\\`, `\"`, `\n` (others kept, as the Prometheus server keeps them). */
  labels(): Record<string, string> {
    const labels: Record<string, string> = {};
    this.pos++; // '{'
    for (;;) {
      this.skipSpace();
      if (this.peek() === '}') break;
      const name = this.match(LABEL_NAME);
      if (!name) this.fail(`expected a label name at column ${this.pos + 1}`);
      this.skipSpace();
      if (this.peek() !== '=') this.fail(`expected "=" after label name ${name}`);
      this.pos++;
      this.skipSpace();
      if (this.peek() !== '"') this.fail(`the value of label ${name} is not quoted`);
      this.pos++;
      let value = '';
      for (;;) {
        const c = this.text[this.pos++];
        if (c === undefined) this.fail(`the value of label ${name} is not closed`);
        if (c === '"') break;
        if (c === '\\') {
          const e = this.text[this.pos++];
          value += e === 'n' ? '\n' : e === '\\' || e === '"' ? e : `\\${e ?? ''}`;
        } else value += c;
      }
      if (Object.hasOwn(labels, name)) this.fail(`label ${name} appears twice`);
      labels[name] = value;
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail(`expected "," or "}" after the value of label ${name}`);
    }
    this.pos++; // '}'
    return labels;
  }
}

/** The format of a text: OpenMetrics when it has the `# EOF` line that ends OpenMetrics, else the Prometheus text format. */
export function detectFormat(text: string): ExpositionFormat {
  return /^# EOF\r?$/m.test(text) ? 'openmetrics' : 'prometheus';
}

/**
 * Parses an exposition. `format` is taken from the HTTP Content-Type where known; without it, the text decides
 * (OpenMetrics has its closing `# EOF` line). Throws ExpositionParseError naming the first bad line.
 */
export function parseExposition(text: string, format: ExpositionFormat = detectFormat(text)): Exposition {
  const families = new Map<string, MutableFamily>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let sawEof = false;

  const familyFor = (name: string): MutableFamily => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: format === 'openmetrics' ? 'unknown' : 'untyped', typeDeclared: false, samples: [] };
      families.set(name, f);
    }
    return f;
  };
  /** The family a sample name belongs to: its own name, or a family whose TYPE owns the suffix. */
  const owner = (sample: string, r: LineReader): MutableFamily => {
    const own = families.get(sample);
    if (own && SUFFIXES[format][own.type].includes('')) return own;
    for (const suffix of ['_bucket', '_count', '_sum', '_created', '_total', '_info', '_gcount', '_gsum']) {
      if (!sample.endsWith(suffix)) continue;
      const f = families.get(sample.slice(0, -suffix.length));
      if (f && SUFFIXES[format][f.type].includes(suffix)) return f;
    }
    if (own) r.fail(`sample ${sample} does not fit its family's TYPE ${own.type}${format === 'openmetrics' && own.type === 'counter' ? ' (an OpenMetrics counter sample ends in _total)' : ''}`);
    return familyFor(sample);
  };

  lines.forEach((raw, index) => {
    const r: LineReader = new LineReader(raw.endsWith('\r') ? raw.slice(0, -1) : raw, index + 1);
    if (r.atEnd()) return;
    if (sawEof) r.fail('text after # EOF');
    if (r.peek() === '#') {
      r.pos++;
      const keyword = r.token();
      if (keyword === 'EOF' && format === 'openmetrics') {
        sawEof = true;
        return;
      }
      if (keyword !== 'HELP' && keyword !== 'TYPE' && !(keyword === 'UNIT' && format === 'openmetrics')) return; // a comment
      r.skipSpace();
      const name = r.match(METRIC_NAME);
      if (!name || (r.peek() !== undefined && r.peek() !== ' ' && r.peek() !== '\t')) r.fail(`# ${keyword} needs a valid metric name`);
      const f = familyFor(name);
      if (keyword === 'HELP') {
        if (f.help !== undefined) r.fail(`second HELP line for ${name}`);
        r.skipSpace();
        f.help = unescapeHelp(r.text.slice(r.pos), format);
        return;
      }
      const value = r.token();
      if (!r.atEnd()) r.fail(`# ${keyword} ${name} has more than one word after the name`);
      if (keyword === 'UNIT') {
        f.unit = value;
        return;
      }
      if (f.typeDeclared) r.fail(`second TYPE line for ${name}`);
      if (f.samples.length > 0) r.fail(`TYPE line for ${name} after its samples`);
      if (!(TYPES[format] as readonly string[]).includes(value)) r.fail(`unknown type "${value}" for ${name} (${format === 'openmetrics' ? 'OpenMetrics' : 'text format 0.0.4'} knows ${TYPES[format].join(', ')})`);
      f.type = value as FamilyType;
      f.typeDeclared = true;
      return;
    }
    const name = r.match(METRIC_NAME);
    if (!name) r.fail('expected a metric name, a comment or an empty line');
    const labels = r.peek() === '{' ? r.labels() : {};
    if (r.peek() !== undefined && r.peek() !== ' ' && r.peek() !== '\t') r.fail(`unexpected "${r.peek()}" after ${name}`);
    const valueToken = r.token();
    const value = parseFloatToken(valueToken);
    if (value === undefined) r.fail(valueToken === '' ? `sample ${name} has no value` : `sample ${name} has the value "${valueToken}", which is not a number`);
    if (!r.atEnd() && r.peek() !== '#') {
      const ts = r.token();
      if (parseFloatToken(ts) === undefined || !Number.isFinite(parseFloatToken(ts))) r.fail(`sample ${name} has the timestamp "${ts}", which is not a number`);
    }
    if (!r.atEnd()) {
      if (format !== 'openmetrics' || r.peek() !== '#') r.fail(`unexpected text after the sample ${name}`);
      r.pos++; // an OpenMetrics exemplar: ` # {labels} value [timestamp]`
      r.skipSpace();
      if (r.peek() !== '{') r.fail(`the exemplar of ${name} has no label set`);
      r.labels();
      if (parseFloatToken(r.token()) === undefined) r.fail(`the exemplar of ${name} has no numeric value`);
    }
    owner(name, r).samples.push({ name, labels, value, line: index + 1 });
  });

  if (format === 'openmetrics' && !sawEof) throw new ExpositionParseError(lines.length, 'an OpenMetrics exposition ends with "# EOF"; this one is cut short');
  return { format, families: [...families.values()] };
}
