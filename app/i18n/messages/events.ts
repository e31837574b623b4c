// Matchmaking events (issue 6, plan task 57).
export const zh = {
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
};
