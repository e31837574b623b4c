// Training-package orders (issue 6, plan task 30).
export const zh = {
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
};
