// Responses to listings and cooperation projects (issue 6).
export const zh = {
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
};
