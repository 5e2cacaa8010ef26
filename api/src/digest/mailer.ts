// The digest's SMTP client: nodemailer over the configured server (DIGEST_SMTP_URL), one connection
// per message (a digest run sends a few hundred at most, once a day).
import nodemailer from 'nodemailer';
import type { AppConfig } from '@vanban/common';
import { digestConfig, type DigestConfig, type Mailer } from './schedule.js';

export function smtpMailer(smtpUrl: string): Mailer {
  return nodemailer.createTransport(smtpUrl);
}

/** The digest as the product's configuration sets it up: subscriptions always, sending with DIGEST_SMTP_URL. */
export function digestSetup(config: AppConfig): { config: DigestConfig; mailer: Mailer | null } {
  return {
    config: digestConfig(config.digest, config.portalUrl, config.host, config.port),
    mailer: config.digest.smtpUrl ? smtpMailer(config.digest.smtpUrl) : null,
  };
}
