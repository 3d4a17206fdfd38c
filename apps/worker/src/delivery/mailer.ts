import nodemailer, { type Transporter } from 'nodemailer';

/** One pooled SMTP transport per URL for the life of the process. */
const transports = new Map<string, Transporter>();

export function mailTransport(url: string, timeoutMs: number): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as never);
    transports.set(url, t);
  }
  return t;
}

/** Closes every transport (worker shutdown, tests). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
