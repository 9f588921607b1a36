/** What the notifications runtime logs through: pino, Nest's logger or console all fit. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(`[notifications] ${m}`),
  warn: (m) => console.warn(`[notifications] ${m}`),
  error: (m) => console.error(`[notifications] ${m}`),
};

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
