// Who receives the digest: one subscription per person (their token's subject), for one agency's
// subtree, to one address. Subscribing again replaces it; unsubscribing writes it inactive.
import { queryRows, readSql, type Warehouse } from '@vanban/common';

export interface Subscription { subscriber: string; name: string; email: string; agency: string }
export interface SubscriptionState extends Subscription { active: boolean; updated_at: string }
export interface Delivery { day: string; event: 'sent' | 'failed' | 'gave_up'; email: string; subject: string; at: string }

const subscriptionsSql = readSql(new URL('./subscriptions.sql', import.meta.url));
const deliveriesSql = readSql(new URL('./recent_deliveries.sql', import.meta.url));

type Row = Subscription & { active: number; updated_at: string };

export async function activeSubscriptions(client: Warehouse): Promise<Subscription[]> {
  const rows = await queryRows<Row>(client, subscriptionsSql, { subscriber: null });
  return rows.filter((row) => Number(row.active) === 1).map(({ subscriber, name, email, agency }) => ({ subscriber, name, email, agency }));
}

/** The person's subscription as it stands (inactive after unsubscribing), or null if they never subscribed. */
export async function subscriptionOf(client: Warehouse, subscriber: string): Promise<SubscriptionState | null> {
  const [row] = await queryRows<Row>(client, subscriptionsSql, { subscriber });
  return row ? { ...row, active: Number(row.active) === 1 } : null;
}

export async function saveSubscription(client: Warehouse, subscription: Subscription, active: boolean): Promise<void> {
  await client.insert({ table: 'vanban_digest.subscription', values: [{ ...subscription, active: active ? 1 : 0 }], format: 'JSONEachRow' });
}

export function recentDeliveries(client: Warehouse, subscriber: string, limit = 10): Promise<Delivery[]> {
  return queryRows<Delivery>(client, deliveriesSql, { subscriber, limit });
}
