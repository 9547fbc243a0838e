/**
 * The traffic model of the simulated CdB stack: events follow the flow market data → signals → risk → orders →
 * writes, and the controls (stop a service, stop a topic, switch the mode) cut exactly what they should.
 */
import { describe, expect, it } from 'vitest';
import * as cdb from '../catalog/cdb';
import type { Metric } from '../engine/catalog/metric';
import type { Labels, MetricSink, ServiceSink } from '../simulator/metric-sink';
import { TrafficModel } from '../simulator/traffic-model';

/** Sums every counter increment and keeps the last gauge value, by job and metric. */
class RecordingSink implements MetricSink {
  readonly counters = new Map<string, number>();
  readonly gauges = new Map<string, number>();
  readonly observations = new Map<string, number>();

  service(job: string): ServiceSink {
    const key = (m: Metric, labels: Labels) => `${job} ${m.name}${JSON.stringify(labels)}`;
    return {
      inc: (m, labels, by = 1) => this.counters.set(key(m, labels), (this.counters.get(key(m, labels)) ?? 0) + by),
      set: (m, labels, value) => this.gauges.set(key(m, labels), value),
      observe: (m) => this.observations.set(`${job} ${m.name}`, (this.observations.get(`${job} ${m.name}`) ?? 0) + 1),
      zero: () => {},
    };
  }

  /** Sum of a counter over all label sets of a job. */
  total(job: string, m: Metric): number {
    let sum = 0;
    for (const [k, v] of this.counters) if (k.startsWith(`${job} ${m.name}{`)) sum += v;
    return sum;
  }
}

function run(minutes: number, setup: (model: TrafficModel) => void = () => {}): RecordingSink {
  const sink = new RecordingSink();
  const model = new TrafficModel(7);
  const start = 1_800_000_000;
  model.start(sink, start);
  setup(model);
  for (let t = 1; t <= minutes * 4; t++) model.step(sink, start + t * 15, 15);
  return sink;
}

describe('traffic model', () => {
  it('follows the event flow from market data to database writes', () => {
    const sink = run(30);
    const marketData = sink.total('cdb_ws', cdb.wsMessagesReceived);
    const signals = sink.total('cdb_core', cdb.signalsGenerated);
    const decisions = sink.total('cdb_risk', cdb.riskDecisions);
    const orders = sink.total('cdb_execution', cdb.ordersSubmitted);
    const fills = sink.total('cdb_execution', cdb.ordersFilled);
    // 21.5 messages/s for 30 minutes; one signal per strategy every ~20 s.
    expect(marketData).toBeGreaterThan(30_000);
    expect(signals).toBeGreaterThan(150);
    expect(decisions).toBe(signals);
    expect(orders).toBeLessThan(decisions);
    expect(orders).toBeGreaterThan(decisions * 0.7);
    expect(fills).toBeLessThanOrEqual(orders);
    expect(sink.total('cdb_db_writer', cdb.dbWrites)).toBeGreaterThan(marketData * 0.3);
    expect(sink.total('cdb_execution', cdb.paperTrades)).toBe(fills);
  });

  it('stops everything downstream of a stopped service, and nothing upstream', () => {
    const sink = run(10, (model) => model.stop('cdb_risk'));
    expect(sink.total('cdb_core', cdb.signalsGenerated)).toBeGreaterThan(0);
    expect(sink.total('cdb_risk', cdb.riskDecisions)).toBe(0);
    expect(sink.total('cdb_execution', cdb.ordersSubmitted)).toBe(0);
    expect(sink.counters.get('cdb_db_writer cdb_db_writes_total{"table":"orders","status":"success"}')).toBe(0);
  });

  it('stops one topic: its producer runs on, its consumers get nothing', () => {
    const sink = run(10, (model) => model.stopTopic('signals'));
    expect(sink.total('cdb_core', cdb.signalEvaluations)).toBeGreaterThan(0);
    expect(sink.total('cdb_core', cdb.signalsGenerated)).toBe(0);
    expect(sink.total('cdb_risk', cdb.busMessagesConsumed)).toBe(0);
    expect(sink.total('cdb_ws', cdb.busMessagesPublished)).toBeGreaterThan(0);
  });

  it('reports the execution mode, and counts no paper trades in live mode', () => {
    const sink = run(10, (model) => model.setExecutionMode('live'));
    expect(sink.gauges.get('cdb_execution cdb_execution_mode{"mode":"live"}')).toBe(1);
    expect(sink.gauges.get('cdb_execution cdb_execution_mode{"mode":"paper"}')).toBe(0);
    expect(sink.total('cdb_execution', cdb.ordersFilled)).toBeGreaterThan(0);
    expect(sink.total('cdb_execution', cdb.paperTrades)).toBe(0);
  });

  it('is deterministic for a seed', () => {
    expect([...run(5).counters]).toEqual([...run(5).counters]);
  });
});
