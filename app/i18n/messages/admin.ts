// Platform administration: review queues, users, audit log.
export const zh = {} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {};
