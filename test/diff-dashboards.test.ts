/**
 * What an SRE reviewer sees in the dashboards section when a pull request edits a dashboard definition: base and
 * head are both built from the real project (synthesize(resolveProject(cdbProject()))), the head from definitions
 * changed the way a pull request would change them, so the layout pass reflows the grid exactly as it would.
 */
import { describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { synthesize } from '../engine/build/synthesize';
import { semanticDiff } from '../engine/diff/semantic-diff';
import { renderMarkdown } from '../engine/diff/render-markdown';
import { renderJson } from '../engine/diff/render-json';
import type { PanelModel, RowModel } from '../engine/model/dashboard';
import { cdbProject } from '../project';

const base = synthesize(resolveProject(cdbProject()));

/** The tree built with dashboard `id`'s rows changed by `edit`; the edit must name rows and panels that exist. */
function headWithRows(id: string, edit: (rows: readonly RowModel[]) => RowModel[]) {
  const project = cdbProject();
  if (!project.dashboards.some((d) => d.id === id)) throw new Error(`no dashboard ${id}`);
  return synthesize(resolveProject({ ...project, dashboards: project.dashboards.map((d) => (d.id === id ? { ...d, rows: edit(d.rows) } : d)) }));
}

const without = (title: string) => (rows: readonly RowModel[]) => {
  if (!rows.some((r) => r.panels.some((p) => p.title === title))) throw new Error(`no panel ${title}`);
  return rows.map((r) => ({ ...r, panels: r.panels.filter((p) => p.title !== title) }));
};
const mapPanel = (title: string, fn: (p: PanelModel) => PanelModel) => (rows: readonly RowModel[]) => rows.map((r) => ({ ...r, panels: r.panels.map((p) => (p.title === title ? fn(p) : p)) }));

/** The summary line of the markdown report (the line after the heading). */
const summaryOf = (md: string) => md.split('\n')[2];

/** Panel ids are six-digit hashes; a reviewer never sees one. */
const NUMERIC_ID = /#\d{3,}|\(\d{4,}\)/;

describe('one panel removed from the middle of a row', () => {
  // Paper trades: [Time since last paper trade, Paper trades in range] then [Paper trades by side, Paper trade age
  // over time]. Without the second, the third joins the first line and the fourth starts the next one.
  const diff = semanticDiff(base, headWithRows('paper-execution', without('Paper trades in range')));
  const md = renderMarkdown(diff);

  it('lists the removed panel by dashboard › row › title, and no other panel as changed', () => {
    expect(diff.dashboards.panelsRemoved.map((p) => p.path)).toEqual(['CdB 5 · Paper Execution › Paper trades › Paper trades in range']);
    expect(diff.dashboards.panelsChanged).toEqual([]);
    expect(summaryOf(md)).toBe('1 panel removed');
  });

  it('collapses the reflow of the panels after it into one layout line', () => {
    expect(diff.dashboards.layoutShifts).toEqual([
      {
        dashboardUid: 'cdb-paper-execution',
        dashboardTitle: 'CdB 5 · Paper Execution',
        causes: [{ kind: 'panel', change: 'removed', path: 'CdB 5 · Paper Execution › Paper trades › Paper trades in range' }],
        panels: ['CdB 5 · Paper Execution › Paper trades › Paper trades by side', 'CdB 5 · Paper Execution › Paper trades › Paper trade age over time'],
        moves: [
          { dx: 12, dy: -4, panels: 1 },
          { dx: -12, dy: 4, panels: 1 },
        ],
      },
    ]);
    expect(md).toContain(
      '- ↕️ layout: 2 panels below **CdB 5 · Paper Execution › Paper trades › Paper trades in range** (removed) moved: 1 right by 12 columns and up by 4 grid rows, 1 left by 12 columns and down by 4 grid rows',
    );
    expect(md).not.toMatch(NUMERIC_ID);
  });
});

describe('one panel removed from its own grid line, with rows below it', () => {
  // The case: every panel and row header below moved up, and each was listed as a changed panel.
  const diff = semanticDiff(base, headWithRows('block-review', without('Event flow per hour')));
  const md = renderMarkdown(diff);

  it('says one panel was removed and four moved up, in one line, not counting the two row headers', () => {
    expect(summaryOf(md)).toBe('1 panel removed');
    expect(diff.dashboards.panelsChanged).toEqual([]);
    expect(diff.dashboards.rowsMoved).toEqual([]);
    expect(diff.dashboards.layoutShifts).toHaveLength(1);
    expect(diff.dashboards.layoutShifts[0]!.panels).toEqual([
      'CdB · 72h Block Review › Uptime and restarts › Uptime by service',
      'CdB · 72h Block Review › Uptime and restarts › Restarts by container',
      'CdB · 72h Block Review › Mode and equity › Execution mode over time',
      'CdB · 72h Block Review › Mode and equity › Equity over time',
    ]);
    expect(md).toContain('<summary>Dashboards (0 dashboards, 0 rows, 1 panel)</summary>');
    expect(md).toContain('- ➖ panel **CdB · 72h Block Review › Activity per hour › Event flow per hour**');
    expect(md).toContain('- ↕️ layout: 4 panels below **CdB · 72h Block Review › Activity per hour › Event flow per hour** (removed) moved up by 9 grid rows');
    expect(md).not.toContain('🔁 panel');
    expect(md).not.toMatch(NUMERIC_ID);
  });

  it('carries the same in JSON', () => {
    const json = JSON.parse(renderJson(diff)) as { dashboards: { layoutShifts: Array<{ moves: unknown; causes: unknown }>; panelsRemoved: Array<{ path: string; row: string }> } };
    expect(json.dashboards.layoutShifts[0]!.moves).toEqual([{ dx: 0, dy: -9, panels: 4 }]);
    expect(json.dashboards.layoutShifts[0]!.causes).toEqual([{ kind: 'panel', change: 'removed', path: 'CdB · 72h Block Review › Activity per hour › Event flow per hour' }]);
    expect(json.dashboards.panelsRemoved[0]).toMatchObject({ row: 'Activity per hour', path: 'CdB · 72h Block Review › Activity per hour › Event flow per hour' });
  });
});

describe('one panel added', () => {
  // A full-width panel at the top of "Messages" pushes every panel below it down by its height.
  const diff = semanticDiff(
    base,
    headWithRows('market-data', (rows) =>
      rows.map((r) => (r.title === 'Messages' ? { ...r, panels: [{ ...r.panels[0]!, title: 'Messages in total', width: 24 }, ...r.panels] } : r)),
    ),
  );
  const md = renderMarkdown(diff);

  it('lists the added panel, and the eight panels it pushed down as one layout line', () => {
    expect(diff.dashboards.panelsAdded.map((p) => p.path)).toEqual(['CdB 2 · Market Data / Screener › Messages › Messages in total']);
    expect(diff.dashboards.panelsChanged).toEqual([]);
    expect(summaryOf(md)).toBe('1 panel added');
    expect(diff.dashboards.layoutShifts[0]!.moves).toEqual([{ dx: 0, dy: 8, panels: 8 }]);
    expect(md).toContain('- ↕️ layout: 8 panels below **CdB 2 · Market Data / Screener › Messages › Messages in total** (added) moved down by 8 grid rows');
  });
});

describe('a panel resized', () => {
  const diff = semanticDiff(base, headWithRows('block-review', mapPanel('Event flow per hour', (p) => ({ ...p, height: 12 }))));
  const md = renderMarkdown(diff);

  it('shows the resize as a change of that panel, and what it pushed as one layout line', () => {
    expect(diff.dashboards.panelsChanged).toEqual([
      {
        dashboardUid: 'cdb-block-review',
        dashboardTitle: 'CdB · 72h Block Review',
        row: 'Activity per hour',
        id: expect.any(Number),
        title: 'Event flow per hour',
        path: 'CdB · 72h Block Review › Activity per hour › Event flow per hour',
        kinds: ['resized'],
        changes: [{ field: 'gridPos', before: 'x=0 y=11 w=24 h=9', after: 'x=0 y=11 w=24 h=12' }],
      },
    ]);
    expect(summaryOf(md)).toBe('1 panel changed');
    expect(md).toContain('- 🔁 panel **CdB · 72h Block Review › Activity per hour › Event flow per hour**: resized');
    expect(md).toContain('- ↕️ layout: 4 panels below **CdB · 72h Block Review › Activity per hour › Event flow per hour** (resized) moved down by 3 grid rows');
  });

  it('shows a wider panel that wraps its neighbour as resized, and the neighbour as shifted, not moved', () => {
    const wider = semanticDiff(base, headWithRows('market-data', mapPanel('Messages per second by channel', (p) => ({ ...p, width: 24 }))));
    expect(wider.dashboards.panelsChanged.map((p) => [p.title, p.kinds])).toEqual([['Messages per second by channel', ['resized']]]);
    expect(wider.dashboards.layoutShifts[0]!.panels).toContain('CdB 2 · Market Data / Screener › Messages › Messages per second by exchange');
  });
});

describe('a row renamed', () => {
  // A row's id is derived from its title: the rename is a row id gone and another come, holding the same panels.
  const diff = semanticDiff(base, headWithRows('market-data', (rows) => rows.map((r) => (r.title === 'Messages' ? { ...r, title: 'Message rates' } : r))));
  const md = renderMarkdown(diff);

  it('is one row line under the dashboard, and no panel, row or layout change', () => {
    expect(diff.dashboards.rowsRenamed).toEqual([{ dashboardUid: 'cdb-market-data', dashboardTitle: 'CdB 2 · Market Data / Screener', before: 'Messages', after: 'Message rates' }]);
    expect(diff.dashboards.rowsAdded).toEqual([]);
    expect(diff.dashboards.rowsRemoved).toEqual([]);
    expect(diff.dashboards.panelsChanged).toEqual([]);
    expect(diff.dashboards.layoutShifts).toEqual([]);
    expect(summaryOf(md)).toBe('1 row renamed');
    expect(md).toContain('- ✏️ row **CdB 2 · Market Data / Screener › Messages** renamed to **Message rates**');
  });
});

describe('rows are not panels', () => {
  it('counts an added row as a row, and the row headers it pushed down not at all', () => {
    const diff = semanticDiff(
      base,
      headWithRows('market-data', (rows) => [rows[0]!, { title: 'Totals', panels: [{ ...rows[1]!.panels[0]!, title: 'Messages in total', width: 24 }] }, ...rows.slice(1)]),
    );
    expect(diff.dashboards.rowsAdded.map((r) => r.path)).toEqual(['CdB 2 · Market Data / Screener › Totals']);
    expect(diff.dashboards.panelsAdded.map((p) => p.path)).toEqual(['CdB 2 · Market Data / Screener › Totals › Messages in total']);
    expect(summaryOf(renderMarkdown(diff))).toBe('1 row added · 1 panel added');
    // Eight panels below, four row headers below: only the panels are counted.
    expect(diff.dashboards.layoutShifts[0]!.panels).toHaveLength(8);
    expect(diff.dashboards.layoutShifts[0]!.moves).toEqual([{ dx: 0, dy: 9, panels: 8 }]);
  });

  it('lists a row moved past another as one row line, and the panels that moved with it as a shift', () => {
    const diff = semanticDiff(base, headWithRows('market-data', (rows) => [rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)]));
    expect(diff.dashboards.rowsMoved.map((r) => [r.path, r.changes])).toEqual([
      ['CdB 2 · Market Data / Screener › Messages', [{ field: 'order', before: '2', after: '3' }]],
    ]);
    expect(diff.dashboards.panelsChanged).toEqual([]);
    expect(diff.dashboards.layoutShifts[0]!.panels).toHaveLength(4);
  });
});

describe('a panel moved to another row on its own', () => {
  // "Feed age by exchange" leaves "Staleness and connection" for the end of "Reconnects".
  const diff = semanticDiff(
    base,
    headWithRows('market-data', (rows) => {
      const moved = rows.find((r) => r.title === 'Staleness and connection')!.panels.find((p) => p.title === 'Feed age by exchange')!;
      return rows.map((r) =>
        r.title === 'Staleness and connection' ? { ...r, panels: r.panels.filter((p) => p !== moved) } : r.title === 'Reconnects' ? { ...r, panels: [...r.panels, moved] } : r,
      );
    }),
  );

  it('is shown as moved, with its old and new row; the panels it made room for only shift', () => {
    expect(diff.dashboards.panelsChanged).toHaveLength(1);
    expect(diff.dashboards.panelsChanged[0]).toMatchObject({
      path: 'CdB 2 · Market Data / Screener › Reconnects › Feed age by exchange',
      kinds: ['moved'],
      changes: [
        { field: 'row', before: 'Staleness and connection', after: 'Reconnects' },
        { field: 'gridPos', before: 'x=0 y=15 w=12 h=8', after: 'x=0 y=32 w=12 h=8' },
      ],
    });
    expect(diff.dashboards.layoutShifts[0]!.causes).toEqual([{ kind: 'panel', change: 'moved', path: 'CdB 2 · Market Data / Screener › Reconnects › Feed age by exchange' }]);
    expect(summaryOf(renderMarkdown(diff))).toBe('1 panel changed');
  });
});
