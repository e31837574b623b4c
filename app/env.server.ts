import path from "node:path";
import { z } from "zod";
import { JOB_NAMES, type JobName } from "./domain/job-names.ts";

// Every message is bilingual because it is read by whoever starts the server, before any locale is known.
const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), {
    message: "必须是 postgres:// 或 postgresql:// 开头的连接串 / must be a postgres:// or postgresql:// URL",
  });

const httpUrl = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === "http:" || u.protocol === "https:";
      } catch {
        return false;
      }
    },
    { message: "必须是 http:// 或 https:// 开头的地址 / must be an http:// or https:// URL" },
  );

// JOB_PERIODS: "name=seconds" pairs separated by commas, e.g. "notification-emails=5,expire-listings=60".
const jobPeriods = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const periods: Partial<Record<JobName, number>> = {};
    for (const pair of v.split(",").map((p) => p.trim()).filter(Boolean)) {
      const match = /^([a-z-]+)=(\d+)$/.exec(pair);
      if (!match) {
        ctx.addIssue({ code: "custom", message: `“${pair}”应写成 名称=秒数 / must be name=seconds` });
        return z.NEVER;
      }
      const [, name, seconds] = match;
      if (!(JOB_NAMES as readonly string[]).includes(name)) {
        ctx.addIssue({ code: "custom", message: `没有名为 ${name} 的任务（可用：${JOB_NAMES.join("、")}）/ no job named ${name} (known: ${JOB_NAMES.join(", ")})` });
        return z.NEVER;
      }
      if (Number(seconds) < 1 || Number(seconds) > 7 * 86_400) {
        ctx.addIssue({ code: "custom", message: `${name} 的周期必须在 1–604800 秒之间 / the period of ${name} must be 1–604800 seconds` });
        return z.NEVER;
      }
      periods[name as JobName] = Number(seconds);
    }
    return periods;
  });

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z
        .enum(["development", "production", "test"], {
          message: "只能是 development、production 或 test / must be development, production or test",
        })
        .optional(),
    ),
    PORT: z.coerce
      .number({ message: "必须是整数 / must be an integer" })
      .int({ message: "必须是整数 / must be an integer" })
      .min(0, { message: "必须在 0–65535 之间 / must be between 0 and 65535" })
      .max(65535, { message: "必须在 0–65535 之间 / must be between 0 and 65535" })
      .default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().trim().min(1, { message: "不能为空 / must not be empty" }).default("./data"),
    DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
    DATABASE_POOL_SIZE: z.coerce
      .number({ message: "必须是整数 / must be an integer" })
      .int({ message: "必须是整数 / must be an integer" })
      .min(1, { message: "必须在 1–200 之间 / must be between 1 and 200" })
      .max(200, { message: "必须在 1–200 之间 / must be between 1 and 200" })
      .default(10),
    MEILI_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
    MEILI_MASTER_KEY: z.preprocess(
      emptyToUndefined,
      z.string().min(16, { message: "至少 16 个字符 / must be at least 16 characters" }).optional(),
    ),
    MEILI_BIN: z.preprocess(emptyToUndefined, z.string().optional()),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]*$/, { message: "只能包含字母、数字、- 和 _ / only letters, digits, - and _" })
      .default(""),
    SESSION_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, { message: "至少 32 个字符 / must be at least 32 characters" }).optional(),
    ),
    PUBLIC_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^smtps?:\/\/.+/, { message: "必须是 smtp:// 或 smtps:// 开头的地址 / must be an smtp:// or smtps:// URL" })
        .optional(),
    ),
    MAIL_FROM: z.string().default("产教通 <noreply@localhost>"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "只能是 fatal、error、warn、info、debug、trace 或 silent / must be a pino level",
      })
      .default("info"),
    AUTH_IP_LIMIT: z.coerce
      .number({ message: "必须是整数 / must be an integer" })
      .int({ message: "必须是整数 / must be an integer" })
      .min(1, { message: "至少为 1 / must be at least 1" })
      .default(30),
    // The background loop (outbox relay, scheduled jobs, statistics flush) ticks this often, counted from the
    // end of the previous tick; JOB_PERIODS overrides how often each scheduled job runs.
    JOB_TICK_MS: z.coerce
      .number({ message: "必须是整数 / must be an integer" })
      .int({ message: "必须是整数 / must be an integer" })
      .min(10, { message: "必须在 10–600000 之间 / must be between 10 and 600000" })
      .max(600_000, { message: "必须在 10–600000 之间 / must be between 10 and 600000" })
      .default(1000),
    JOB_PERIODS: jobPeriods.prefault(""),
    // Only a proxy on this machine is believed by default: trusting every private range let any intranet
    // client pick the address its rate limits are counted under. Name the load balancer's
    // addresses here when there is one.
    TRUST_PROXY: z.string().trim().min(1).default("loopback"),
    // Unset means "decide": see demoSeeding below.
    SEED_DEMO: z.preprocess(
      emptyToUndefined,
      z
        .enum(["true", "false"], { message: "只能是 true 或 false / must be true or false" })
        .optional()
        .transform((v) => (v === undefined ? undefined : v === "true")),
    ),
  });

type ParsedEnv = z.infer<typeof envSchema>;

export type Env = Omit<ParsedEnv, "NODE_ENV"> & {
  NODE_ENV: "development" | "production" | "test";
  dataDir: string;
  /**
   * A production deployment: NODE_ENV=production set explicitly, or left to the production default with a
   * real database (DATABASE_URL). `npm start` on a fresh clone (embedded database, no NODE_ENV) runs the
   * production build but is a trial, not a deployment: it loads the demo data and may link mail to localhost.
   */
  production: boolean;
};

export class EnvError extends Error {
  constructor(readonly variable: string, readonly reason: string) {
    super(`配置错误 / configuration error: ${variable} — ${reason}`);
    this.name = "EnvError";
  }
}

export interface ParseOptions {
  /** NODE_ENV when the environment does not set it: the server passes production, or development with --dev. */
  defaultNodeEnv?: Env["NODE_ENV"];
}

export function parseEnv(source: Record<string, string | undefined> = process.env, options: ParseOptions = {}): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EnvError(String(issue.path[0] ?? "?"), issue.message);
  }
  const parsed = result.data;
  const nodeEnv = parsed.NODE_ENV ?? options.defaultNodeEnv ?? "production";
  const production = parsed.NODE_ENV === "production" || (nodeEnv === "production" && !!parsed.DATABASE_URL);
  if (production && parsed.DATABASE_URL && parsed.MEILI_URL && !parsed.MEILI_MASTER_KEY) {
    throw new EnvError("MEILI_MASTER_KEY", "连接外部 Meilisearch 时必须设置 / is required with MEILI_URL in production");
  }
  // Links in mail are built from PUBLIC_URL alone, never from a request's Host.
  if (production && parsed.SMTP_URL && !parsed.PUBLIC_URL) {
    throw new EnvError("PUBLIC_URL", "配置了 SMTP_URL 时必须设置（邮件中的链接由它生成）/ is required with SMTP_URL in production (links in mail are built from it)");
  }
  return { ...parsed, NODE_ENV: nodeEnv, production, dataDir: path.resolve(parsed.DATA_DIR) };
}

export type DemoDecision = { load: true } | { load: false; message: string };

/**
 * Demo data (13 accounts, a platform administrator among them) only ever goes into the embedded database:
 * by default on a trial start (no DATABASE_URL, NODE_ENV not set to production), or when SEED_DEMO=true asks
 * for it on the embedded database; never into a real PostgreSQL. It is loaded only into an empty database.
 */
export function demoSeeding(env: Pick<Env, "SEED_DEMO" | "DATABASE_URL" | "production">): DemoDecision {
  if (env.SEED_DEMO === false) {
    return { load: false, message: "未加载演示数据：SEED_DEMO=false / demo data skipped: SEED_DEMO=false" };
  }
  if (env.DATABASE_URL) {
    return {
      load: false,
      message:
        "未加载演示数据：已设置 DATABASE_URL，演示数据只用于内置数据库 / demo data skipped: DATABASE_URL is set; demo data is only for the embedded database",
    };
  }
  if (env.production && env.SEED_DEMO !== true) {
    return {
      load: false,
      message:
        "未加载演示数据：NODE_ENV=production（需要演示数据请设置 SEED_DEMO=true）/ demo data skipped: NODE_ENV=production (set SEED_DEMO=true for a demo)",
    };
  }
  return { load: true };
}

/** For command-line entry points: one line on stderr and exit 1 instead of a stack trace. */
export function parseEnvOrExit(source: Record<string, string | undefined> = process.env): Env {
  try {
    return parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
