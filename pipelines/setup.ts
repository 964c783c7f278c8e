/**
 * `deno task setup`: creates or confirms the project environment (Python packages, Deno
 * kernelspec). Every other task calls the same function, so running this by hand is optional.
 * @module
 */
import { ensureEnvironment } from "@lib/runner/environment.ts";

if (import.meta.main) {
  const started = performance.now();
  const env = await ensureEnvironment();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.error(`setup: environment ready in ${env.venv} (${seconds} s)`);
}
