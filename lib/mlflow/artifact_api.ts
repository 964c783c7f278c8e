/**
 * Run artifacts over MLflow's REST API: uploads and downloads through the server's artifact proxy
 * (`/api/2.0/mlflow-artifacts/artifacts/...`) and listings through `artifacts/list`.
 * @internal
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { MlflowHttp } from "./http.ts";
import type { TrackingApi } from "./tracking.ts";
import type { ArtifactInfo } from "./types.ts";
import { artifactListResponse } from "./wire.ts";

/**
 * The artifact-API path of `relativePath` inside a run whose artifact root is `artifactUri`
 * (`mlflow-artifacts:/1/abc/artifacts` + `plots/ic.svg` -> `1/abc/artifacts/plots/ic.svg`).
 * Throws when the run's artifacts are not proxied by the server.
 *
 * @example
 * ```ts
 * import { proxiedArtifactPath } from "@lib/mlflow/artifact_api.ts";
 * const path = proxiedArtifactPath("mlflow-artifacts:/1/abc/artifacts", "plots/ic.svg");
 * if (path !== "1/abc/artifacts/plots/ic.svg") throw new Error(path);
 * ```
 */
export function proxiedArtifactPath(artifactUri: string, relativePath = ""): string {
  if (!artifactUri.startsWith("mlflow-artifacts:")) {
    throw new Error(
      `run artifact root ${JSON.stringify(artifactUri)} is not an mlflow-artifacts: URI, so the ` +
        "server does not proxy its artifacts and they cannot be uploaded over REST; start the " +
        "server with artifact serving (`mlflow server --artifacts-destination <dir>`, without " +
        "--no-serve-artifacts) and log to an experiment created on it",
    );
  }
  const root = new URL(artifactUri).pathname.replace(/^\/+|\/+$/g, "");
  const rel = checkRelativePath(relativePath);
  return rel === "" ? root : `${root}/${rel}`;
}

function checkRelativePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  if (trimmed.split("/").some((part) => part === "..")) {
    throw new Error(`artifact path ${JSON.stringify(path)} must not contain '..'`);
  }
  return trimmed;
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Artifacts of runs on one tracking server; run artifact roots come from `runs`. */
export class ArtifactApi {
  readonly #http: MlflowHttp;
  readonly #runs: Pick<TrackingApi, "artifactRoot">;

  constructor(http: MlflowHttp, runs: Pick<TrackingApi, "artifactRoot">) {
    this.#http = http;
    this.#runs = runs;
  }

  /**
   * Uploads the file at `localPath` as `<artifactPath>/<file name>` (or `<file name>` at the
   * run's artifact root), through the server's artifact proxy. Returns the run-relative path.
   */
  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<string> {
    if ((await stat(localPath)).isDirectory()) {
      throw new Error(`logArtifact uploads one file; ${localPath} is a directory`);
    }
    const name = basename(localPath);
    const target = artifactPath ? `${checkRelativePath(artifactPath)}/${name}` : name;
    await this.logArtifactBytes(runId, await readFile(localPath), target);
    return target;
  }

  /**
   * Uploads `bytes` (a string is written as UTF-8) to `artifactPath`, a file path relative to the
   * run's artifact root such as `reports/summary.json`.
   */
  async logArtifactBytes(
    runId: string,
    bytes: Uint8Array | string,
    artifactPath: string,
  ): Promise<void> {
    // fetch wants a view over a plain ArrayBuffer; the copy also detaches the upload from the caller.
    const body = typeof bytes === "string"
      ? new TextEncoder().encode(bytes)
      : new Uint8Array(bytes);
    if (checkRelativePath(artifactPath) === "") {
      throw new Error("logArtifactBytes needs a file path such as 'reports/summary.json'");
    }
    const path = proxiedArtifactPath(await this.#runs.artifactRoot(runId), artifactPath);
    await this.#http.send("put", `mlflow-artifacts/artifacts/${encodePath(path)}`, { body });
  }

  /** Files and directories directly under `path` (the run's artifact root by default). */
  async listArtifacts(runId: string, path?: string): Promise<ArtifactInfo[]> {
    const query: Record<string, string> = { run_id: runId };
    if (path) query.path = checkRelativePath(path);
    const body = await this.#http.json("get", "mlflow/artifacts/list", { query });
    return artifactListResponse.parse(body).files.map((f) => ({
      path: f.path,
      isDir: f.is_dir,
      fileSize: f.file_size,
    }));
  }

  /** The bytes of the artifact at `path`, relative to the run's artifact root. */
  async downloadArtifact(runId: string, path: string): Promise<Uint8Array> {
    return await this.downloadArtifactUri(await this.#runs.artifactRoot(runId), path);
  }

  /**
   * The bytes of the file `relativePath` under an `mlflow-artifacts:` URI (such as a model
   * version's download URI), through the server's artifact proxy.
   */
  async downloadArtifactUri(artifactUri: string, relativePath = ""): Promise<Uint8Array> {
    const full = proxiedArtifactPath(artifactUri, relativePath);
    const response = await this.#http.send("get", `mlflow-artifacts/artifacts/${encodePath(full)}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}
