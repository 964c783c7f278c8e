import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { projectPath } from "@lib/paths.ts";

const config = JSON.parse(readFileSync(projectPath("deno.json"), "utf8")) as {
  nodeModulesDir: string;
  tasks: Record<string, string>;
};

Deno.test("node_modules is written only by deno install, never by a running process", () => {
  assert.equal(config.nodeModulesDir, "manual");
});

Deno.test("every task that starts Deno on project code installs the npm packages first", () => {
  const starting = Object.entries(config.tasks).filter(([, cmd]) =>
    /\bdeno (run|test)\b/.test(cmd)
  );
  assert(starting.length > 5, "expected the project's run and test tasks");
  for (const [name, cmd] of starting) {
    assert(
      cmd.startsWith("deno install --quiet && "),
      `task ${name} does not begin with deno install`,
    );
  }
});
