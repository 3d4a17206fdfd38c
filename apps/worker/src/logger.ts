/** A minimal structured logger: one JSON line per event on stdout / stderr. No payloads, ids only. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (msg, fields) => console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...fields })),
  error: (msg, fields) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), msg, ...fields })),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
