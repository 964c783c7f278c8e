/**
 * Summaries of event labels: counts by side and outcome, and metrics for the run.
 * @module
 */
import pl from "nodejs-polars";

/** Outcome names in display order: target (+1), stop (-1), time (0), open (unknown yet). */
export const EVENT_OUTCOMES = ["target", "stop", "time", "open"] as const;

/** Side names in display order. */
export const EVENT_SIDE_NAMES = ["long", "short"] as const;

const outcomeOf = (label: number | null) =>
  label === null ? "open" : label > 0 ? "target" : label < 0 ? "stop" : "time";

/**
 * Returns `side` (long/short), `outcome` (target/stop/time/open), `count` (Int64) and `share` of
 * that side's events, every side and outcome listed even when empty; "open" counts events
 * whose outcome the data does not reach.
 */
export function eventCounts(events: pl.DataFrame): pl.DataFrame {
  const sides = events.getColumn("event_side").toArray() as number[];
  const labels = events.getColumn("event_label").toArray() as (number | null)[];
  const rows = EVENT_SIDE_NAMES.flatMap((side) => {
    const sign = side === "long" ? 1 : -1;
    const outcomes = labels.filter((_, i) => sides[i] === sign).map(outcomeOf);
    return EVENT_OUTCOMES.map((outcome) => {
      const count = outcomes.filter((o) => o === outcome).length;
      return { side, outcome, count, share: outcomes.length === 0 ? 0 : count / outcomes.length };
    });
  });
  return pl.DataFrame({
    side: rows.map((r) => r.side),
    outcome: rows.map((r) => r.outcome),
    count: pl.Series("count", rows.map((r) => r.count), pl.Int64),
    share: pl.Series("share", rows.map((r) => r.share), pl.Float64),
  });
}

/**
 * Returns per side: `events_{side}`, `events_{side}_{outcome}` counts, `event_{side}_hit_rate`
 * (target / closed events, 0 when none closed) and `event_{side}_mean_return` (over closed
 * events, 0 when none), plus `events` in all.
 */
export function eventMetrics(events: pl.DataFrame): Record<string, number> {
  const counts = eventCounts(events).toRecords();
  const sides = events.getColumn("event_side").toArray() as number[];
  const returns = events.getColumn("event_return").toArray() as (number | null)[];
  const metrics: Record<string, number> = { events: events.height };
  for (const side of EVENT_SIDE_NAMES) {
    const of = counts.filter((r) => r.side === side);
    const n = (o: string) => Number(of.find((r) => r.outcome === o)?.count ?? 0);
    metrics[`events_${side}`] = of.reduce((s, r) => s + Number(r.count), 0);
    for (const o of EVENT_OUTCOMES) metrics[`events_${side}_${o}`] = n(o);
    const closed = n("target") + n("stop") + n("time");
    metrics[`event_${side}_hit_rate`] = closed === 0 ? 0 : n("target") / closed;
    const sign = side === "long" ? 1 : -1;
    const rs = returns.filter((r, i) => sides[i] === sign && r !== null) as number[];
    metrics[`event_${side}_mean_return`] = rs.length === 0
      ? 0
      : rs.reduce((a, b) => a + b, 0) / rs.length;
  }
  return metrics;
}
