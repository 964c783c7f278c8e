/**
 * The model registry calls of MLflow's REST API: registered models, their versions, tags and
 * aliases. What a model is and how it is stored are not known here.
 * @internal
 * @module
 */
import { MlflowError, type MlflowHttp } from "./http.ts";
import type {
  ModelVersion,
  RegisteredModel,
  RegistryCreateOptions,
  SearchModelVersionsOptions,
} from "./types.ts";
import {
  downloadUriResponse,
  modelVersionResponse,
  registeredModelResponse,
  searchModelVersionsResponse,
  toWireTags,
} from "./wire.ts";

/** The model registry of one tracking server. */
export class RegistryApi {
  readonly #http: MlflowHttp;

  constructor(http: MlflowHttp) {
    this.#http = http;
  }

  /** Creates a registered model; fails with RESOURCE_ALREADY_EXISTS if the name is taken. */
  async createRegisteredModel(
    name: string,
    options: RegistryCreateOptions = {},
  ): Promise<RegisteredModel> {
    const body = await this.#http.json("post", "mlflow/registered-models/create", {
      json: { name, tags: toWireTags(options.tags ?? {}), description: options.description },
    });
    return registeredModelResponse.parse(body).registered_model;
  }

  /**
   * The registered model `name` with its tags and aliases, or undefined when there is none.
   */
  async getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
    try {
      const body = await this.#http.json("get", "mlflow/registered-models/get", {
        query: { name },
      });
      return registeredModelResponse.parse(body).registered_model;
    } catch (error) {
      if (error instanceof MlflowError && error.errorCode === "RESOURCE_DOES_NOT_EXIST") {
        return undefined;
      }
      throw error;
    }
  }

  /** Sets tag `key` of registered model `name` (replacing an earlier value). */
  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    toWireTags({ [key]: value });
    await this.#http.json("post", "mlflow/registered-models/set-tag", {
      json: { name, key, value },
    });
  }

  /** Removes tag `key` from registered model `name`. */
  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.#http.json("delete", "mlflow/registered-models/delete-tag", {
      json: { name, key },
    });
  }

  /**
   * Registers `source` as the next version of model `name`: a `runs:/<runId>/model` URI or the
   * run's artifact URI plus a path (`mlflow-artifacts:/1/<runId>/artifacts/model`).
   */
  async createModelVersion(
    name: string,
    source: string,
    runId: string,
    options: RegistryCreateOptions = {},
  ): Promise<ModelVersion> {
    const body = await this.#http.json("post", "mlflow/model-versions/create", {
      json: {
        name,
        source,
        run_id: runId,
        tags: toWireTags(options.tags ?? {}),
        description: options.description,
      },
    });
    return modelVersionResponse.parse(body).model_version;
  }

  /** Version `version` of model `name` with its tags and aliases. */
  async getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    const body = await this.#http.json("get", "mlflow/model-versions/get", {
      query: { name, version: String(version) },
    });
    return modelVersionResponse.parse(body).model_version;
  }

  /** Sets tag `key` of version `version` of model `name`. */
  async setModelVersionTag(
    name: string,
    version: string | number,
    key: string,
    value: string,
  ): Promise<void> {
    toWireTags({ [key]: value });
    await this.#http.json("post", "mlflow/model-versions/set-tag", {
      json: { name, version: String(version), key, value },
    });
  }

  /** Model versions matching `filter`, following pages up to `maxResults`. */
  async searchModelVersions(options: SearchModelVersionsOptions = {}): Promise<ModelVersion[]> {
    const versions: ModelVersion[] = [];
    const limit = options.maxResults ?? Infinity;
    let pageToken: string | undefined;
    do {
      // A GET endpoint: repeated order_by values go in the query string one by one.
      const query = new URLSearchParams();
      if (options.filter) query.set("filter", options.filter);
      query.set("max_results", String(Math.min(1000, limit - versions.length)));
      for (const o of options.orderBy ?? []) query.append("order_by", o);
      if (pageToken) query.set("page_token", pageToken);
      const body = await this.#http.json("get", "mlflow/model-versions/search", { query });
      const page = searchModelVersionsResponse.parse(body);
      for (const version of page.model_versions) versions.push(version);
      pageToken = page.next_page_token || undefined;
    } while (pageToken !== undefined && versions.length < limit);
    return versions;
  }

  /** Where the files of version `version` of model `name` can be downloaded from (a URI). */
  async getModelVersionDownloadUri(name: string, version: string | number): Promise<string> {
    const body = await this.#http.json("get", "mlflow/model-versions/get-download-uri", {
      query: { name, version: String(version) },
    });
    return downloadUriResponse.parse(body).artifact_uri;
  }

  /** Points `alias` of model `name` at `version`, moving it if it pointed elsewhere. */
  async setRegisteredModelAlias(
    name: string,
    alias: string,
    version: string | number,
  ): Promise<void> {
    await this.#http.json("post", "mlflow/registered-models/alias", {
      json: { name, alias, version: String(version) },
    });
  }

  /** The version `alias` points at, or undefined when model `name` has no such alias. */
  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    try {
      const body = await this.#http.json("get", "mlflow/registered-models/alias", {
        query: { name, alias },
      });
      return modelVersionResponse.parse(body).model_version;
    } catch (error) {
      // MLflow 3.17 answers a missing alias with 400 INVALID_PARAMETER_VALUE, not a 404.
      if (
        error instanceof MlflowError && error.errorCode === "INVALID_PARAMETER_VALUE" &&
        /alias .* not found/i.test(error.serverMessage)
      ) {
        return undefined;
      }
      throw error;
    }
  }

  /** Removes `alias` from model `name`. */
  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    // The server reads name and alias from a JSON body here, not from the query string.
    await this.#http.json("delete", "mlflow/registered-models/alias", { json: { name, alias } });
  }
}
