/**
 * The published report site: index of runs, notebook report pages, comparisons, offline checks
 * and a local static server.
 * @module
 */
export * from "./compare_page.ts";
export * from "./headline.ts";
export * from "./index_page.ts";
export * from "./layout.ts";
export * from "./markdown.ts";
export * from "./notebook_page.ts";
export * from "./offline.ts";
export * from "./params.ts";
export * from "./serve.ts";
export * from "./series.ts";
export * from "./site.ts";
