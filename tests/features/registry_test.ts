import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { z } from "zod";
import { builtinRegistry, type FeatureFamily, FeatureRegistry } from "@lib/features/mod.ts";

const constant: FeatureFamily<{ value: number }> = {
  kind: "const",
  description: "a constant",
  group: "statistics",
  inputs: [],
  params: z.object({ value: z.number() }).strict(),
  name: ({ value }) => `const_${value}`,
  expr: ({ value }) => pl.lit(value),
  warmup: () => 0,
};

Deno.test("FeatureRegistry.register refuses a kind defined twice", () => {
  const registry = new FeatureRegistry().register(constant);
  assert.throws(() => registry.register(constant), /feature kind "const" is already registered/);
});

Deno.test("builtinRegistry holds the catalog's kinds in order", () => {
  const kinds = builtinRegistry().kinds();
  assert.deepEqual(kinds.slice(0, 6), ["ret", "logret", "sma", "ema", "rsi", "vol"]);
  assert.equal(kinds.length, 38);
  assert.equal(new Set(kinds).size, kinds.length);
});

Deno.test("every built-in family states its group, inputs and a description", () => {
  const registry = builtinRegistry();
  for (const kind of registry.kinds()) {
    const family = registry.family(kind);
    assert.ok(family.inputs.length > 0, `${kind} reads nothing`);
    assert.ok(family.description.length > 10, `${kind} has no description`);
  }
});

Deno.test("FeatureRegistry.resolve carries the family's inputs and parsed params", () => {
  const f = builtinRegistry().resolve({ kind: "adx", params: { window: 14 } });
  assert.deepEqual(f.inputs, ["high", "low", "close"]);
  assert.deepEqual(f.params, { window: 14 });
  assert.equal(f.warmup, 27);
});

Deno.test("FeatureRegistry.resolve names the feature after its parameters", () => {
  const f = builtinRegistry().resolve({ kind: "rsi", params: { window: 14 } });
  assert.equal(f.name, "rsi_14");
  assert.equal(f.kind, "rsi");
  assert.equal(f.warmup, 14);
});

Deno.test("FeatureRegistry.resolve lists the known kinds for an unknown one", () => {
  assert.throws(
    () => builtinRegistry().resolve({ kind: "macdx", params: {} }),
    /unknown feature kind "macdx"; known: ret, logret, sma, ema, rsi, vol, sma_cross/,
  );
});

Deno.test("FeatureRegistry.resolve names the invalid parameter", () => {
  assert.throws(
    () => builtinRegistry().resolve({ kind: "sma", params: { window: 1 } }),
    /feature "sma" has invalid params: window: Number must be greater than or equal to 2/,
  );
  assert.throws(
    () => builtinRegistry().resolve({ kind: "sma", params: { window: 5, lag: 1 } }),
    /feature "sma" has invalid params: .*lag/,
  );
});

Deno.test("FeatureRegistry.resolveAll refuses a spec defining a column twice", () => {
  const registry = builtinRegistry();
  assert.throws(
    () =>
      registry.resolveAll([
        { kind: "sma", params: { window: 20 } },
        { kind: "sma", params: { window: 20 } },
      ]),
    /feature "sma_20" is defined twice in the spec/,
  );
});
