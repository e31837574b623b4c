import type { Meilisearch, Settings } from "meilisearch";
import { meiliErrorCode } from "./errors.ts";

export interface IndexDefinition {
  /** Without the deployment prefix. */
  name: string;
  primaryKey: string;
  settings: Settings;
}

// Attribute lists whose order carries meaning; every other list is compared as a set.
const orderedKeys = new Set(["rankingRules", "searchableAttributes"]);

function normalize(key: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(sortKeys(v)) : v));
    return orderedKeys.has(key) ? items : [...items].sort();
  }
  if (value && typeof value === "object") return sortKeys(value as Record<string, unknown>);
  return value;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].map(sortKeys).sort() : sortKeys(v)]),
  );
}

/** Only the keys we declare count; the server fills in defaults for the rest. */
export function differingSettings(wanted: Settings, current: Settings): Settings {
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const have = (current as Record<string, unknown>)[key];
    let same: boolean;
    if (value && typeof value === "object" && !Array.isArray(value) && have && typeof have === "object") {
      // A declared object is a subset of what the server reports (e.g. typoTolerance).
      same = Object.entries(value as Record<string, unknown>).every(
        ([k, v]) =>
          JSON.stringify(normalize(k, v)) === JSON.stringify(normalize(k, (have as Record<string, unknown>)[k])),
      );
    } else {
      same = JSON.stringify(normalize(key, value)) === JSON.stringify(normalize(key, have));
    }
    if (!same) diff[key] = value;
  }
  return diff as Settings;
}

/**
 * Polls the task until it has finished: every 10 ms at first (an outbox batch is indexed in a few ms), backing
 * off to 250 ms for long ones (a rebuild's batches). Not client.tasks.waitForTask, which adds an abort
 * listener to one shared signal per poll and never removes it.
 */
export async function waitForTaskOrThrow(client: Meilisearch, taskUid: number, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status === "succeeded") return;
    if (task.status !== "enqueued" && task.status !== "processing") {
      throw new Error(`Meilisearch 任务失败 / task failed (${what}): ${task.error?.message ?? task.status}`);
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch 任务超时 / task ${taskUid} timed out after ${timeoutMs} ms (${what})`);
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(250, Math.ceil(interval * 1.5));
  }
}

/** Creates the index if missing and applies settings only when they differ from the server's. */
export async function ensureIndex(client: Meilisearch, uid: string, definition: IndexDefinition): Promise<boolean> {
  try {
    await client.getRawIndex(uid);
  } catch (error) {
    if (meiliErrorCode(error) !== "index_not_found") throw error;
    const task = await client.createIndex(uid, { primaryKey: definition.primaryKey });
    await waitForTaskOrThrow(client, task.taskUid, `create ${uid}`);
  }
  const index = client.index(uid);
  const diff = differingSettings(definition.settings, await index.getSettings());
  if (Object.keys(diff).length === 0) return false;
  const task = await index.updateSettings(diff);
  await waitForTaskOrThrow(client, task.taskUid, `settings of ${uid}`);
  return true;
}
