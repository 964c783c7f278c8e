/**
 * Backtesting on typed arrays: wide price panels; a vectorbt-parity simulator for signals
 * (long/short/both, fees, slippage, stops, next-open or next-close fills, parameter grids, shared cash) and
 * target weights; signal and top-k portfolios; ready strategies; a buy-and-hold benchmark;
 * holdings and turnover rebuilt from the fills; performance statistics; the inputs, grid
 * summaries and logged metrics of a backtest step; results as danfojs frames or Parquet; the
 * trials an MLflow experiment's backtest runs tried.
 * @module
 */
export type { Order, PortfolioResult, Trade } from "../portfolio/records.ts";
export { checkAligned, toWide, type WidePanel } from "./wide.ts";
export { type Signals, type ThresholdOptions, thresholdSignals } from "./signals.ts";
export { type PortfolioOptions } from "./portfolio_options.ts";
export { fromSignals } from "./from_signals.ts";
export { type TopKOptions, topKPortfolio, topKWeights } from "./top_k.ts";
export {
  type Holdings,
  holdingsOverTime,
  type RebalanceTurnover,
  rebalanceTurnover,
} from "./holdings.ts";
export { fillsLine, fillsTags, tagFills } from "./fills.ts";
export { buyAndHold, equalWeightPortfolio } from "./benchmark.ts";
export {
  backtestCapability,
  type BacktestCapabilityOptions,
  type BacktestPart,
} from "./capability.ts";
export {
  headlineMetrics,
  type PerformanceStats,
  performanceStats,
  type PortfolioStats,
  portfolioStats,
  type PortfolioStatsOptions,
  statsColumns,
  type StatsOptions,
  statsTable,
  type StatsTableOptions,
} from "./stats.ts";
export {
  orderColumns,
  ordersFrame,
  portfolioFrame,
  toPolars,
  tradeColumns,
  tradesFrame,
} from "./frames.ts";
export { equityLong, returnsFrame, tradesLong, writePortfolios } from "./io.ts";
export {
  type Execution,
  EXECUTIONS,
  groupValue,
  type Simulation,
  simulationDrawdown,
  simulationFinalValue,
  simulationReturns,
  simulationTotalReturn,
} from "./simulation.ts";
export {
  type ConflictMode,
  type DirConflictMode,
  type SignalInput,
  type SimulateSignalsOptions,
} from "./signal_settings.ts";
export { simulateSignals } from "./simulate_signals.ts";
export {
  type OrderInput,
  type OrderSizeType,
  simulateOrders,
  type SimulateOrdersOptions,
} from "./simulate_orders.ts";
export { type OrderRecords } from "./order_records.ts";
export { type TradeRecords } from "./exit_trades.ts";
export { targetWeightsPortfolio } from "./target_weights.ts";
export { portfolioFromSimulation } from "./to_portfolio.ts";
export {
  type ColumnStatistics,
  columnStatistics,
  type GridCell,
  gridCells,
  maCrossGrid,
  type SignalGrid,
  type WindowPair,
  windowPairs,
} from "./grid.ts";
export {
  type Layout,
  macdCrossSignals,
  type MacdOptions,
  modelSignals,
  type OhlcPanels,
  type RsiReversionOptions,
  rsiReversionSignals,
  signalInput,
} from "./strategies.ts";
export {
  orderRecordColumns,
  orderRecordsFrame,
  type SimulationLabels,
  tradeRecordColumns,
  tradeRecordsFrame,
  valueFrame,
} from "./sim_frames.ts";
export { type CostParams, type StrategyCosts, strategyCosts } from "./costs.ts";
export {
  type GridRun,
  runMaGrid,
  runStrategy,
  type StrategyPrices,
  type StrategyRun,
} from "./run_strategy.ts";
export {
  type BacktestInputs,
  backtestInputs,
  type PricePanels,
  type ScoreOptions,
} from "./inputs.ts";
export { gridSharpeFrame, trialSharpes } from "./grid_summary.ts";
export { backtestMetrics, type BacktestMetricsInput, periodMetrics } from "./metrics.ts";
export {
  BACKTEST_STEP,
  countTrials,
  type ExperimentTrials,
  experimentTrials,
  loggedParams,
  TRIAL_STRATEGIES,
  trialKeys,
  type TrialSource,
} from "./trials.ts";
export {
  type BacktestOverfitting,
  backtestOverfitting,
  gridPairReturns,
  headlineDeflatedSharpe,
  type HeadlineDsr,
  type OverfittingInput,
  overfittingLine,
  overfittingMetrics,
} from "./overfitting.ts";
