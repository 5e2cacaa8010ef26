// The daily digest's schedule. Every `everySeconds` the scheduler looks at the clock: on a working
// day of the warehouse's calendar (weekends and holidays skipped), from `at` (Asia/Ho_Chi_Minh) on,
// each active subscription without its digest for the day gets one, sent by SMTP.
//
// Once per person and day, across restarts and replicas: every step is written to
// vanban_digest.delivery_log. A replica first writes a claim, then asks the warehouse which claim
// wins (the earliest by the warehouse's clock, none once the day's digest went out); only the winner
// sends. A failed attempt closes its claim and is tried again by a later look after a backoff
// (retryBaseSeconds, doubling), until maxAttempts. The winner renews its claim every third of
// leaseSeconds until the outcome is written, so a send slower than the lease (a loaded SMTP server
// or warehouse) keeps it; a claim not renewed within the lease expires (its replica died). Two
// windows are left: a replica that dies after the SMTP server accepted the message and before 'sent'
// is written (its message goes out again after the lease, with the same Message-ID, by which mail
// clients recognise it), and one whose renewals all stall for longer than the lease while it sends.
import { createHash, randomUUID } from 'node:crypto';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import type { AppConfig } from '@vanban/common';
import { hanoiTime, localToday } from '../kpi/periods.js';
import type { ScheduleLog } from '../reports/scheduler.js';
import { digestContent, digestFigures, type DigestContent } from './content.js';
import { digestMessage } from './message.js';
import { activeSubscriptions, type Subscription } from './subscriptions.js';

export interface DigestConfig {
  from: string;
  /** HH:MM, Asia/Ho_Chi_Minh. */
  at: string;
  everySeconds: number;
  maxAttempts: number;
  retryBaseSeconds: number;
  leaseSeconds: number;
  documentsPerList: number;
  /** Where the links in each message lead. */
  portalUrl: string;
}

/** What sends a message: a nodemailer transport (SMTP), or anything with its sendMail. */
export interface Mailer {
  sendMail(message: { from: string; to: string; subject: string; text: string; html: string; messageId: string; headers: Record<string, string> }): Promise<{ messageId: string; response?: string }>;
}

/** The scheduler's settings from the product's configuration (DIGEST_* variables, PORTAL_URL). */
export function digestConfig(settings: AppConfig['digest'], portalUrl: string | undefined, host: string, port: number): DigestConfig {
  const { smtpUrl: _smtpUrl, ...rest } = settings;
  return { ...rest, portalUrl: portalUrl ?? `http://${host}:${port}` };
}

export interface SentDigest { subscriber: string; email: string; day: string; subject: string; content: DigestContent }

type StateRow = { subscriber: string; sent: number; gave_up: number; failures: number; last_failed_ms: number; claimed: number; last_sent_day: string | null; now_ms: number };

const stateSql = readSql(new URL('./day_state.sql', import.meta.url));
const winnerSql = readSql(new URL('./claim_winner.sql', import.meta.url));
const workingDaySql = readSql(new URL('./working_day.sql', import.meta.url));

export class DigestScheduler {
  private running: Promise<SentDigest[]> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Warehouse,
    private readonly mailer: Mailer,
    private readonly config: DigestConfig,
    private readonly log: ScheduleLog,
    private readonly now: () => Date = () => new Date(),
    /** This process among the replicas, in the delivery log. */
    private readonly replica: string = randomUUID(),
  ) {}

  /** One look: sends every digest due now and not sent yet; returns those this replica sent. */
  tick(): Promise<SentDigest[]> {
    this.running ??= this.sendDue().finally(() => { this.running = null; });
    return this.running;
  }

  start(): void {
    const run = () => { this.tick().catch((error: unknown) => this.log.error({ err: error }, 'digest: look failed')); };
    run();
    this.timer = setInterval(run, this.config.everySeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sendDue(): Promise<SentDigest[]> {
    const now = this.now();
    const day = localToday(now);
    if (hanoiTime(now.getTime()).slice(11, 16) < this.config.at) return [];
    const [calendar] = await queryRows<{ is_working_day: number | null; previous_working_day: string | null }>(this.client, workingDaySql, { day });
    if (!calendar?.is_working_day) return [];
    const subscriptions = await activeSubscriptions(this.client);
    if (subscriptions.length === 0) return [];
    const leaseMs = this.config.leaseSeconds * 1000;
    const state = new Map((await queryRows<StateRow>(this.client, stateSql, { day, lease_ms: leaseMs })).map((row) => [row.subscriber, row]));
    const sent: SentDigest[] = [];
    // One scope's content serves every subscriber of it with the same previous digest day.
    const contents = new Map<string, Promise<DigestContent>>();
    for (const subscription of subscriptions) {
      const row = state.get(subscription.subscriber);
      if (row && (Number(row.sent) || Number(row.gave_up) || Number(row.claimed))) continue;
      const failures = Number(row?.failures ?? 0);
      if (failures > 0 && Number(row!.now_ms) < Number(row!.last_failed_ms) + this.config.retryBaseSeconds * 1000 * 2 ** (failures - 1)) continue;
      // Measured from the previous digest that went out, or from the previous working day for the first.
      const since = row?.last_sent_day ?? calendar.previous_working_day ?? day;
      const key = `${subscription.agency} ${since}`;
      if (!contents.has(key)) contents.set(key, digestContent(this.client, subscription.agency, day, since, this.config.documentsPerList));
      // The content is read before the claim, so that a claim covers only the sending: a slow
      // warehouse must not outlast the lease and let a second replica send the same digest.
      // A content that failed is recorded as a failed attempt under the claim below.
      await contents.get(key)!.catch(() => undefined);
      const claimId = randomUUID();
      await this.record({ day, subscription, claimId, event: 'claimed' });
      const [winner] = await queryRows<{ claim_id: string }>(this.client, winnerSql, { day, subscriber: subscription.subscriber, lease_ms: leaseMs });
      if (winner?.claim_id !== claimId) continue;
      const renewal = setInterval(() => {
        this.record({ day, subscription, claimId, event: 'renewed' }).catch((error: unknown) => this.log.error({ err: error }, 'digest: renewing a claim failed'));
      }, leaseMs / 3);
      try {
        const content = await contents.get(key)!;
        const message = digestMessage(content, this.config.portalUrl, subscription.name, this.config.documentsPerList);
        const info = await this.mailer.sendMail({
          from: this.config.from, to: subscription.name ? `${subscription.name} <${subscription.email}>` : subscription.email,
          ...message, messageId: messageId(subscription.subscriber, day), headers: { 'List-Unsubscribe': `<${new URL('/ban-tin', this.config.portalUrl).href}>` },
        });
        await this.record({ day, subscription, claimId, event: 'sent', subject: message.subject, detail: JSON.stringify({ ...digestFigures(content), smtp: info.response ?? '' }) });
        this.log.info(`digest sent: ${subscription.email} (${subscription.agency}), ${day}`);
        sent.push({ subscriber: subscription.subscriber, email: subscription.email, day, subject: message.subject, content });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        this.log.error({ subscriber: subscription.subscriber, day, attempt: failures + 1, detail }, 'digest: sending failed');
        await this.record({ day, subscription, claimId, event: 'failed', detail });
        if (failures + 1 >= this.config.maxAttempts) await this.record({ day, subscription, claimId, event: 'gave_up', detail });
      } finally {
        clearInterval(renewal);
      }
    }
    return sent;
  }

  private async record(entry: { day: string; subscription: Subscription; claimId: string; event: 'claimed' | 'renewed' | 'sent' | 'failed' | 'gave_up'; subject?: string; detail?: string }): Promise<void> {
    await this.client.insert({
      table: 'vanban_digest.delivery_log',
      values: [{ day: entry.day, subscriber: entry.subscription.subscriber, claim_id: entry.claimId, replica: this.replica, event: entry.event, email: entry.subscription.email, subject: entry.subject ?? '', detail: entry.detail ?? '' }],
      format: 'JSONEachRow',
    });
  }
}

/** One person's digest of one day always has the same Message-ID: a message sent twice is recognisably the same. */
const messageId = (subscriber: string, day: string) => `<digest-${day}-${createHash('sha256').update(subscriber).digest('hex').slice(0, 16)}@vanban.hanoi>`;
