/**
 * Group-robot payloads. DingTalk (钉钉自定义机器人): `{msgtype:'text', text:{content}}` or
 * `{msgtype:'markdown', markdown:{title, text}}`; with a signing secret the URL gets `timestamp` (ms)
 * and `sign` = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), URL-encoded. WeCom (企业微信群机器人):
 * `{msgtype:'text', text:{content}}` or `{msgtype:'markdown', markdown:{content}}`. Both answer HTTP 200
 * with `errcode` 0 on success; anything else is a failure to retry.
 */
import { createHmac } from 'node:crypto';
import type { RenderedMessage } from '@supervise/core';

export type RobotProvider = 'dingtalk' | 'wecom';

export function robotPayload(provider: RobotProvider, msgtype: 'text' | 'markdown', m: RenderedMessage): Record<string, unknown> {
  if (msgtype === 'text') return { msgtype: 'text', text: { content: m.text } };
  if (provider === 'dingtalk') return { msgtype: 'markdown', markdown: { title: m.zh.title, text: m.markdown } };
  return { msgtype: 'markdown', markdown: { content: m.markdown } };
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The URL to post to: DingTalk with a secret gets `timestamp` and `sign` appended. */
export function robotUrl(provider: RobotProvider, url: string, secret: string | null, nowMs: number): string {
  if (provider !== 'dingtalk' || !secret) return url;
  const u = new URL(url);
  u.searchParams.set('timestamp', String(nowMs));
  u.searchParams.set('sign', dingtalkSign(secret, nowMs));
  return u.toString();
}

export class WebhookError extends Error {
  override readonly name = 'WebhookError';
}

export async function postToRobot(
  fetchFn: typeof fetch,
  p: {
    provider: RobotProvider;
    url: string;
    secret: string | null;
    msgtype: 'text' | 'markdown';
    message: RenderedMessage;
    nowMs: number;
    timeoutMs: number;
  },
): Promise<void> {
  const res = await fetchFn(robotUrl(p.provider, p.url, p.secret, p.nowMs), {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(robotPayload(p.provider, p.msgtype, p.message)),
    signal: AbortSignal.timeout(p.timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new WebhookError(`robot answered HTTP ${res.status}`);
  let body: { errcode?: number } = {};
  try {
    body = JSON.parse(text) as { errcode?: number };
  } catch {
    throw new WebhookError('robot answered without JSON');
  }
  if (body.errcode !== undefined && body.errcode !== 0) throw new WebhookError(`robot refused: errcode ${body.errcode}`);
}
