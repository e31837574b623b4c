import type { MessageKey } from "./zh-CN.ts";

// English follows the Chinese catalog key for key; a missing key falls back to Chinese.
export const en: Partial<Record<MessageKey, string>> = {
  "app.name": "Chanjiaotong",
  "app.tagline": "Huyi District industry–education integration platform",
  "nav.home": "Home",
  "nav.search": "Search",
  "nav.login": "Sign in",
  "nav.register": "Register",
  "nav.skip": "Skip to main content",
  "home.searchButton": "Search",
  "error.notFound": "Page not found",
  "error.backHome": "Back to home",
};
