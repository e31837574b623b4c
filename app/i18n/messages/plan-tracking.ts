// Plan tracking, supervision, indicators and export (issue 8).
export const zh = {
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
};
