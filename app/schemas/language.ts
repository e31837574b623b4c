import { z } from "zod";

// The language switch: nothing here can be wrong enough to refuse; an odd language is Chinese, an odd target the
// home page (safeRedirect).
export const languageSchema = z.object({
  locale: z.enum(["zh-CN", "en"]).catch("zh-CN"),
  redirectTo: z.string().optional().catch(undefined),
});
