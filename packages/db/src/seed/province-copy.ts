import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as PostgreSQL's COPY text format writes it: \N for null, backslash escapes, JSON as text. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`COPY: not a finite number: ${v}`);
    return String(v);
  }
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Rows per chunk written to the COPY stream: large enough to be cheap, small enough to stay lean. */
const CHUNK_ROWS = 2000;

/**
 * `COPY table (columns) FROM STDIN` on `client` (pg-copy-streams), each row the columns' values in
 * order. Waits for the stream's drain, so memory stays bounded whatever the row count. Returns the
 * number of rows written.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = once(stream, 'finish');
  // An error of the server (a constraint, a trigger) ends the stream: surface it, not a hang.
  const failed = once(stream, 'error').then(([e]) => Promise.reject(e as Error));
  failed.catch(() => {});
  let n = 0;
  let buf: string[] = [];
  const flush = async () => {
    if (!stream.write(buf.join(''))) await Promise.race([once(stream, 'drain'), failed]);
    buf = [];
  };
  for (const row of rows) {
    if (row.length !== columns.length)
      throw new Error(`COPY ${table}: a row of ${row.length} values for ${columns.length} columns`);
    buf.push(row.map(copyValue).join('\t') + '\n');
    if (++n % CHUNK_ROWS === 0) await flush();
  }
  if (buf.length) await flush();
  stream.end();
  await Promise.race([done, failed]);
  return n;
}
