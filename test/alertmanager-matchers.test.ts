/**
 * Alertmanager's matcher text, parsed by engine/alertmanager/matchers.ts: each text is accepted or refused as
 * amtool check-config (Alertmanager 0.25) accepts or refuses a route with it, and accepted ones read as stated.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileMatcher, matchesLabels, MatcherError, parseMatchers } from '../engine/alertmanager/matchers';
import type { MatcherModel } from '../engine/model/alertmanager';
import { amtoolAccepts } from './fixtures/amtool';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-am-matchers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
/** Whether amtool accepts `item` as the one item of a route's `matchers` list. */
function amtoolAcceptsItem(item: string): boolean {
  const file = join(scratch, `matcher-${++files}.yml`);
  writeFileSync(file, `route:\n  receiver: root\n  routes:\n    - receiver: root\n      matchers: [${JSON.stringify(item)}]\nreceivers:\n  - name: root\n`);
  return amtoolAccepts(file).ok;
}

const m = (label: string, op: MatcherModel['op'], value: string): MatcherModel => ({ label, op, value });

describe('parseMatchers', () => {
  it.each<[string, string, MatcherModel[] | 'refused']>([
    ['a quoted value', 'severity="critical"', [m('severity', '=', 'critical')]],
    ['an unquoted value', 'shift=night', [m('shift', '=', 'night')]],
    ['an empty value', 'v=', [m('v', '=', '')]],
    ['an empty quoted value', 'v=""', [m('v', '=', '')]],
    ['spaces around the parts, a comma inside quotes', ' v = "a,b" ', [m('v', '=', 'a,b')]],
    ['braces around the list', '{v="a"}', [m('v', '=', 'a')]],
    ['a space before the opening brace', ' {v="a"}', 'refused'],
    ['an escaped quote', 'v="a\\"b"', [m('v', '=', 'a"b')]],
    ['an unescaped quote inside the value', 'v=a"b', 'refused'],
    ['a backslash before another letter stays a backslash', 'v="a\\qb"', [m('v', '=', 'a\\qb')]],
    ['an escaped closing quote leaves the value open', 'v="ab\\"', 'refused'],
    ['a trailing backslash', 'v=ab\\', [m('v', '=', 'ab\\')]],
    ['an escaped line feed', 'v="a\\nb"', [m('v', '=', 'a\nb')]],
    ['two matchers', 'v="a", w!~"b"', [m('v', '=', 'a'), m('w', '!~', 'b')]],
    ['a trailing comma', 'v="a",', [m('v', '=', 'a')]],
    ['an empty matcher between commas', 'v="a",,w=b', 'refused'],
    ['a colon in the label name', 'le:x="1"', [m('le:x', '=', '1')]],
    ['only a closing brace', 'v=~"a|b"}', [m('v', '=~', 'a|b')]],
    ['only an opening brace', '{v!~x', [m('v', '!~', 'x')]],
    ['a label name starting with a digit', '1v="a"', 'refused'],
    ['a doubled operator leaves a quote inside the value', 'v=="a"', 'refused'],
    ['a regex with a POSIX class and a scoped flag', 'v=~"[[:digit:]]+(?i:x)"', [m('v', '=~', '[[:digit:]]+(?i:x)')]],
    ['a repeat count over 1000', 'v=~"x{1001}"', 'refused'],
    ['an escape RE2 does not know', 'v=~"\\\\C"', 'refused'],
    ['a backreference', 'v=~"(a)\\\\1"', 'refused'],
    ['a lookahead', 'v=~"a(?=b)"', 'refused'],
    ['an unclosed group', 'v=~"(a"', 'refused'],
  ])('%s: %s', (_, text, expected) => {
    const accepted = amtoolAcceptsItem(text);
    if (expected === 'refused') {
      expect(() => parseMatchers(text)).toThrow(MatcherError);
      expect(accepted).toBe(false);
    } else {
      expect(parseMatchers(text)).toEqual(expected);
      expect(accepted).toBe(true);
    }
  });
});

describe('matching', () => {
  it('treats a missing label as the empty string', () => {
    expect(matchesLabels([m('env', '!=', 'dev')], {})).toBe(true);
    expect(matchesLabels([m('env', '=', '')], {})).toBe(true);
    expect(matchesLabels([m('env', '=~', '.*')], {})).toBe(true);
    expect(matchesLabels([m('env', '=~', '.+')], {})).toBe(false);
    expect(matchesLabels([m('env', '!~', '.+')], {})).toBe(true);
  });

  it('anchors a regex at both ends, around the whole alternation', () => {
    const team = compileMatcher(m('team', '=~', 'risk|exec'));
    expect(['risk', 'exec', 'riskier', 'xexec', 'risk|exec'].map((v) => team.test(v))).toEqual([true, true, false, false, false]);
  });

  it('does not read a label from the prototype of the label set', () => {
    expect(matchesLabels([m('constructor', '=', '')], {})).toBe(true);
  });

  it('refuses a regex Alertmanager refuses before anything is matched', () => {
    expect(() => compileMatcher(m('v', '=~', 'a(?=b)'))).toThrow(MatcherError);
  });
});
