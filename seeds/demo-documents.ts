import crypto from "node:crypto";
import type { DB } from "../db/client.ts";
import { kindsRequiringCreditCode } from "../app/domain/organization-kinds.ts";
import { minimalPdf } from "./sample-pdf.ts";

// Demo registration documents: each demo enterprise, school and training provider has a one-page PDF standing for
// its licence, so a reviewer sees what a checked registration looks like. Marked as demo in name and content.
export async function seedDemoDocuments(db: DB): Promise<number> {
  const existing = await db.selectFrom("organization_documents").select("id").limit(1).executeTakeFirst();
  if (existing) return 0;
  const orgs = await db
    .selectFrom("organizations")
    .select(["id", "kind", "credit_code"])
    .where("kind", "in", [...kindsRequiringCreditCode])
    .where("credit_code", "is not", null)
    .execute();
  if (!orgs.length) return 0;
  const rows = orgs.map((o) => {
    const content = minimalPdf(`DEMO licence - ${o.credit_code}`);
    return {
      organization_id: o.id,
      file_name: o.kind === "enterprise" || o.kind === "training_provider" ? "营业执照（演示）.pdf" : "事业单位法人证书（演示）.pdf",
      content_type: "application/pdf",
      size_bytes: content.byteLength,
      sha256: crypto.createHash("sha256").update(content).digest("hex"),
      content,
      uploaded_by: null,
    };
  });
  await db.insertInto("organization_documents").values(rows).execute();
  return rows.length;
}
