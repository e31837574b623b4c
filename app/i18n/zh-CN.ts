import * as account from "./messages/account.ts";
import * as admin from "./messages/admin.ts";
import * as auth from "./messages/auth.ts";
import * as common from "./messages/common.ts";
import * as org from "./messages/org.ts";
import * as validation from "./messages/validation.ts";

// The message catalog, Simplified Chinese first; one file per area under messages/.
export const zhCN = {
  ...common.zh,
  ...validation.zh,
  ...auth.zh,
  ...account.zh,
  ...org.zh,
  ...admin.zh,
} as const;

export type MessageKey = keyof typeof zhCN;

export const enMessages: Partial<Record<MessageKey, string>> = {
  ...common.en,
  ...validation.en,
  ...auth.en,
  ...account.en,
  ...org.en,
  ...admin.en,
};
