/**
 * A folder of files as run artifacts: uploading a set of files under one folder of a run, and
 * downloading a file from the source URI a registry version points at. Files are bytes or text;
 * what they mean is the caller's business.
 * @module
 */
import type { MlflowClient } from "./client.ts";

/** File path (relative to the folder) to content. */
export type ArtifactFiles = Record<string, string | Uint8Array>;

/** What {@link logArtifactFiles} uploaded. */
export interface LoggedArtifacts {
  runId: string;
  /** The folder relative to the run's artifact root, e.g. `model`. */
  artifactPath: string;
  /** The folder's full URI (`<run artifact URI>/<artifactPath>`), the source to register. */
  source: string;
  /** The uploaded files, relative to `artifactPath`, in upload order. */
  files: string[];
}

/**
 * Uploads `files` under folder `artifactPath` of run `runId`, one after the other in key
 * order, and returns what was uploaded with the folder's source URI. Throws when the path is
 * not a folder name inside the run's artifacts.
 *
 * @example
 * ```ts ignore
 * const logged = await logArtifactFiles(mlflow, runId, "report", { "summary.json": "{}" });
 * logged.source; // "mlflow-artifacts:/1/<runId>/artifacts/report"
 * ```
 */
export async function logArtifactFiles(
  client: MlflowClient,
  runId: string,
  artifactPath: string,
  files: ArtifactFiles,
): Promise<LoggedArtifacts> {
  const folder = artifactFolder(artifactPath);
  for (const [file, content] of Object.entries(files)) {
    await client.logArtifactBytes(runId, content, `${folder}/${file}`);
  }
  const root = (await client.getRun(runId)).info.artifactUri;
  return { runId, artifactPath: folder, source: joinUri(root, folder), files: Object.keys(files) };
}

/**
 * Downloads `file` from the folder at `source` (a version's source or download URI):
 * `runs:/<runId>/<path>` through the run's artifacts, `mlflow-artifacts:` through the server's
 * proxy. Throws naming `what` (e.g. `model "m" version 2`) for any other scheme, which the
 * server does not serve over REST.
 */
export function downloadSourceFile(
  client: MlflowClient,
  source: string,
  file: string,
  what: string,
): Promise<Uint8Array> {
  // Versions registered elsewhere may point at `runs:/<runId>/<path>` instead of the artifact URI.
  const runs = source.match(/^runs:\/([^/]+)\/?(.*)$/);
  if (runs) {
    const path = runs[2].replace(/\/+$/, "");
    return client.downloadArtifact(runs[1], path ? `${path}/${file}` : file);
  }
  if (!source.startsWith("mlflow-artifacts:")) {
    throw new Error(
      `${what} lives at ${source}, which the server does not proxy; only mlflow-artifacts: and ` +
        "runs:/ sources can be downloaded over REST",
    );
  }
  return client.downloadArtifactUri(source, file);
}

/**
 * Returns `path` without leading or trailing slashes; throws unless it names a folder inside
 * the run's artifacts (not empty, no `..`).
 */
export function artifactFolder(path: string): string {
  const folder = path.replace(/^\/+|\/+$/g, "");
  if (folder === "" || folder.split("/").includes("..")) {
    throw new Error(`model artifact path "${path}" must be a folder name such as "model"`);
  }
  return folder;
}

/** Returns `<root>/<folder>` with one slash between them. */
export function joinUri(root: string, folder: string): string {
  return `${root.replace(/\/+$/, "")}/${folder}`;
}
