import assert from "node:assert/strict";
import { join } from "node:path";
import { siteHandler } from "@lib/reports/serve.ts";

Deno.test("siteHandler serves files with their type, index.html for folders, 404 outside", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "runs"));
    await Deno.writeTextFile(join(dir, "runs", "index.html"), "<p>runs</p>");
    await Deno.writeTextFile(join(dir, "runs.json"), "[]");
    const handle = siteHandler(dir);
    const folder = await handle(new Request("http://127.0.0.1/runs/"));
    assert.equal(await folder.text(), "<p>runs</p>");
    assert.equal(folder.headers.get("content-type"), "text/html; charset=utf-8");
    const json = await handle(new Request("http://127.0.0.1/runs.json"));
    assert.equal(json.headers.get("content-type"), "application/json; charset=utf-8");
    await json.body?.cancel();
    for (const path of ["/missing.html", "/%2e%2e/%2e%2e/etc/passwd"]) {
      const res = await handle(new Request(`http://127.0.0.1${path}`));
      assert.equal(res.status, 404, path);
      await res.body?.cancel();
    }
    const post = await handle(new Request("http://127.0.0.1/", { method: "POST" }));
    assert.equal(post.status, 405);
    await post.body?.cancel();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
