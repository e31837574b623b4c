// A short, human description of a browser's User-Agent string for the session list ("Chrome · Windows").

const browsers: Array<[RegExp, string]> = [
  [/MicroMessenger/i, "微信"],
  [/DingTalk/i, "钉钉"],
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\//, "Opera"],
  [/QQBrowser/i, "QQ 浏览器"],
  [/UCBrowser/i, "UC 浏览器"],
  [/HeadlessChrome/, "Headless Chrome"],
  [/(Chrome|CriOS)\//, "Chrome"],
  [/(Firefox|FxiOS)\//, "Firefox"],
  [/Safari\//, "Safari"],
  [/curl\//i, "curl"],
];

const systems: Array<[RegExp, string]> = [
  [/HarmonyOS|OpenHarmony/i, "鸿蒙"],
  [/Android/i, "Android"],
  [/iPhone|iPad|iPod/i, "iOS"],
  [/Windows/i, "Windows"],
  [/Mac OS X|Macintosh/i, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/i, "Linux"],
];

/** Product names only (they are not translated); null where nothing is recognised. */
export function summarizeUserAgent(userAgent: string | null | undefined): { browser: string | null; os: string | null } | null {
  if (!userAgent) return null;
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  const os = systems.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  if (!browser && !os) return null;
  return { browser, os };
}
