// A user's own account: password, sessions, personal data.
export const zh = {} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {};
