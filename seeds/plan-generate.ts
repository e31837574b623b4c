// Regenerates db/reference/plan-tasks.json from the raw plan table.
// Run from anywhere: npx tsx seeds/plan-generate.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parsePlanTable } from "./plan-parse.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.resolve(repoRoot, "../shared/seeds/000_9ecac719ad7048f6.txt");
const target = path.resolve(repoRoot, "db/reference/plan-tasks.json");

const table = parsePlanTable(fs.readFileSync(source, "utf8"));
fs.writeFileSync(target, `${JSON.stringify(table, null, 2)}\n`);
process.stdout.write(`wrote ${table.tasks.length} tasks in ${table.sections.length} sections to ${path.relative(repoRoot, target)}\n`);
