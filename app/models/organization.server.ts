import type { OrganizationKind } from "../domain/organization-kinds.ts";
import { runtime } from "../runtime.server.ts";

export async function countVerifiedOrganizationsByKind(): Promise<Partial<Record<OrganizationKind, number>>> {
  const rows = await runtime()
    .db.selectFrom("organizations")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("count")])
    .where("status", "=", "verified")
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.count)]));
}
