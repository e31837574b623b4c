import crypto from "node:crypto";
import type { Insertable } from "kysely";
import type { DB } from "../../db/client.ts";
import type { UsersTable } from "../../db/schema.ts";

/** A user made directly in the database, with an e-mail address no other test user has; any column can be given. */
export function insertUser(db: DB, values: Partial<Insertable<UsersTable>> = {}) {
  const suffix = crypto.randomBytes(6).toString("hex");
  return db
    .insertInto("users")
    .values({ email: `user-${suffix}@example.cn`, name: "测试用户", password_hash: "x", ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}
