import { describe, expect, it } from 'vitest';
import { dashboardThresholds } from '../../engine/checks/dashboards/thresholds';
import { barGauge, NEUTRAL, query, stat, thresholds, timeseries } from '../../engine/dashboards/panels';
import type { PanelModel } from '../../engine/model/dashboard';
import { select } from '../../engine/promql';
import { findingsOf } from './run';
import { ready, tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

const withPanel = (panel: PanelModel) => tinyProject({ dashboards: [tinyDashboard([panel])] });
const messages = (panel: PanelModel) => findingsOf(dashboardThresholds, withPanel(panel)).map((f) => f.message);
const value = { title: 'Ready', description: 'Whether the app is ready.', unit: 'none', width: 24, queries: [select(ready)] } as const;
/** A panel as a definition written without the typed factories would give it. */
const untyped = (panel: PanelModel, drop: ReadonlyArray<keyof PanelModel>) => Object.fromEntries(Object.entries(panel).filter(([k]) => !drop.includes(k as keyof PanelModel))) as unknown as PanelModel;

describe('dashboard/thresholds', () => {
  it("Having a stat with neither thresholds nor a fixed colour should fail, naming Grafana's default.", () => {
    expect(messages(untyped(stat({ ...value, fixedColor: NEUTRAL }), ['fixedColor']))).toEqual([
      "stat panel states no thresholds and no fixed colour, so Grafana's default colours it (green, red from 80)",
    ]);
  });

  it('Having a bar gauge with neither thresholds nor a fixed colour should fail.', () => {
    expect(messages(untyped(barGauge({ ...value, fixedColor: NEUTRAL }), ['fixedColor']))).toHaveLength(1);
  });

  it('Having a time series with thresholds but no thresholdsStyle should fail, as Grafana does not draw them.', () => {
    const panel = untyped(tinyPanel({ thresholds: thresholds('green', [1, 'red']), thresholdsStyle: 'dashed' }), ['thresholdsStyle']);
    expect(messages(panel)).toEqual(["time series has thresholds but no thresholdsStyle, so Grafana never draws them (its default is 'off')"]);
  });

  it.each([
    ['Having a stat with both a fixed colour and thresholds should fail, as the thresholds colour nothing.', { ...stat({ ...value, fixedColor: NEUTRAL }), thresholds: thresholds('red', [1, 'green']) }, /fixed colour wins/],
    ['Having thresholds without a base step should fail.', stat({ ...value, thresholds: [{ value: 0, color: 'red' }, { value: 1, color: 'green' }] }), /not the base/],
    ['Having thresholds out of order should fail.', stat({ ...value, thresholds: thresholds('green', [0.9, 'red'], [0.8, 'orange']) }), /not strictly ascending/],
    ['Having percentage thresholds without a max should fail.', stat({ ...value, min: 0, thresholds: thresholds('green', [80, 'red']), thresholdsMode: 'percentage' }), /without a max/],
    ['Having only queries that set the scale should fail.', stat({ ...value, queries: [query(select(ready), 'limit', { sets: 'max' })], min: 0, thresholds: thresholds('green', [80, 'red']), thresholdsMode: 'percentage' }), /shows nothing/],
    ['Having two queries that set the max should fail.', stat({ ...value, queries: [select(ready), query(select(ready), 'a', { sets: 'max' }), query(select(ready), 'b', { sets: 'max' })], min: 0, thresholds: thresholds('green', [80, 'red']), thresholdsMode: 'percentage' }), /more than one query sets the panel's max/],
  ])('%s', (_name, panel, message) => {
    expect(messages(panel).join('\n')).toMatch(message);
  });

  it.each([
    ['Having a stat with thresholds should pass.', stat({ ...value, thresholds: thresholds('red', [1, 'green']) })],
    ['Having a stat with a fixed colour should pass.', stat({ ...value, fixedColor: NEUTRAL })],
    ['Having a bar gauge with thresholds should pass.', barGauge({ ...value, thresholds: thresholds('green', [1, 'red']) })],
    ['Having a time series whose thresholds are drawn should pass.', timeseries({ ...value, thresholds: thresholds('green', [1, 'red']), thresholdsStyle: 'area' })],
    ['Having a time series without thresholds should pass.', tinyPanel()],
    ['Having percentage thresholds against a max read from a query should pass.', stat({ ...value, queries: [select(ready), query(select(ready), 'limit', { sets: 'max' })], min: 0, thresholds: thresholds('green', [80, 'orange'], [100, 'red']), thresholdsMode: 'percentage' })],
  ])('%s', (_name, panel) => {
    expect(messages(panel)).toEqual([]);
  });
});
