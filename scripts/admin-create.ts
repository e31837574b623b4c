/**
 * npm run admin:create -- --email someone@example.cn [--name 姓名]
 *
 * Creates a platform administrator with a generated strong password (printed once), or promotes the
 * existing account of that e-mail. Every message is bilingual: whoever runs this has no locale yet.
 */
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { parseEnvOrExit } from "../app/env.server.ts";
import { newPasswordSchema } from "../app/domain/password-policy.ts";
import { email as emailSchema, requiredText } from "../app/schemas/fields.ts";
import type { DatabaseHandle } from "../db/client.ts";

const usage = "用法 / usage: npm run admin:create -- --email someone@example.cn [--name 姓名]";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** 20 characters from an alphabet without look-alikes; all four character classes guaranteed. */
function generatePassword(): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "-_!@#%+="];
  const all = sets.join("");
  const pick = (chars: string) => chars[crypto.randomInt(chars.length)];
  for (;;) {
    const chars = [...sets.map(pick), ...Array.from({ length: 16 }, () => pick(all))];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join("");
    if (newPasswordSchema.safeParse(password).success) return password;
  }
}

let args: { email?: string; name?: string };
try {
  args = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true, allowPositionals: false }).values;
} catch (error) {
  fail(`参数有误 / bad arguments: ${(error as Error).message.split("\n")[0]}。${usage}`);
}
if (!args.email) fail(`缺少 --email / --email is required。${usage}`);
const email = emailSchema.safeParse(args.email);
if (!email.success) fail(`邮箱格式不正确 / invalid e-mail address: ${args.email}`);
const name = requiredText(50).safeParse(args.name ?? "平台管理员");
if (!name.success) fail("姓名须为 1–50 个字符 / the name must be 1–50 characters");

const env = parseEnvOrExit();
let handle: DatabaseHandle | undefined;
try {
  // Loaded only once the input is known to be good: a typo is answered at once.
  const [{ openDatabase }, { migrateToLatest }, { createPlatformAdmin }] = await Promise.all([
    import("../db/client.ts"),
    import("../db/migrator.ts"),
    import("../app/models/platform-users.server.ts"),
  ]);
  handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  await migrateToLatest(handle.db);
  const password = generatePassword();
  const result = await createPlatformAdmin(handle.db, { email: email.data, name: name.data, password });
  if (!result.ok) {
    process.stderr.write(`该邮箱的账号已注销，不能再启用 / the account of ${email.data} has been deleted and cannot be reused\n`);
    process.exitCode = 1;
  } else if (result.created) {
    process.stdout.write(
      [
        `已创建平台管理员 / platform administrator created: ${result.user.email}`,
        `初始密码（只显示这一次，请立即登录并修改）/ initial password (shown once; sign in and change it now):`,
        `  ${password}`,
        "",
      ].join("\n"),
    );
  } else if (result.alreadyAdmin) {
    process.stdout.write(`该账号已经是平台管理员，未做改动 / ${result.user.email} is already a platform administrator; nothing changed\n`);
  } else {
    process.stdout.write(
      `已将现有账号设为平台管理员，密码不变，原有登录会话已失效 / existing account ${result.user.email} promoted to platform administrator; password unchanged, sessions ended\n`,
    );
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message.split("\n")[0]}\n`);
  process.exitCode = 1;
} finally {
  await handle?.close();
}
