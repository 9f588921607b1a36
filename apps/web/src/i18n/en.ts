export const EN: Readonly<Record<string, string>> = {};
