import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createLogger } from "../../app/logger.server.ts";
import { startEmbeddedMeili } from "../../search/meili-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

/** One real Meilisearch for the whole run; every test file works under its own index prefix. */
export default async function setup(project: TestProject) {
  if (process.env.CI === "true" && !process.env.TEST_DATABASE_URL) {
    throw new Error("CI must set TEST_DATABASE_URL so the data-layer suite runs against a real PostgreSQL server");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cjt-test-meili-"));
  const meili = await startEmbeddedMeili({ dataDir, log: createLogger("warn") });
  project.provide("meiliUrl", meili.url);
  project.provide("meiliKey", meili.masterKey);
  return async () => {
    await meili.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
