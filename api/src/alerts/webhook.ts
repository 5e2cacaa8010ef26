// The signed webhook of an alert: POST of a JSON body with its HMAC-SHA256 under the shared secret
// (header X-Vanban-Signature: sha256=<hex>), so the IOC can tell our alerts from anyone's. The
// alert's id travels in X-Vanban-Alert-Id: a receiver that got a retry of a delivered alert can
// drop it.
import { createHmac } from 'node:crypto';

export interface WebhookTarget {
  url: string;
  secret: string;
  /** Per attempt. */
  timeoutMs?: number;
}

export const signatureHeader = 'x-vanban-signature';

/** sha256=<hex> of the body under the secret, as the receiver recomputes it. */
export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** One attempt: resolves on a 2xx answer, rejects with what went wrong otherwise. */
export async function postSigned(target: WebhookTarget, alertId: string, body: string): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', [signatureHeader]: signBody(target.secret, body), 'x-vanban-alert-id': alertId },
    body,
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
}
