/**
 * The published report site: the run history it is built from, the site itself (index, notebook
 * report pages, comparisons, offline checks) and a local static server.
 * @module
 */
export {
  historyPath,
  mlflowRunUrl,
  readHistory,
  type RunRecord,
  type StepRecord,
} from "./history.ts";
export { changedParams } from "./params.ts";
export { siteHandler } from "./serve.ts";
export { buildSite, type SiteOptions, type SiteResult } from "./site.ts";
