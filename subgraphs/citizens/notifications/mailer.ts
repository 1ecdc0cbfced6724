// The SMTP side of notifications, through nodemailer. Every connection step has a timeout
// (an SMTP server that accepts and then hangs must not hold the worker), and the Message-ID
// is the notification's own id, so a receiving server can recognise a resend.
import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { RenderedMail } from './templates.ts';

export interface Mailer {
  send(message: RenderedMail & { to: string; messageId: string }): Promise<void>;
  close(): void;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
  timeoutMs?: number;
}

// nodemailer is loaded when a mailer is made (SMTP configured), not at every boot.
const load = createRequire(import.meta.url);

export function smtpMailer(settings: SmtpSettings): Mailer {
  const timeout = settings.timeoutMs ?? 10_000;
  const nodemailer = load('nodemailer') as typeof Nodemailer;
  const transport = nodemailer.createTransport(settings.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  } as object);
  return {
    async send(m) {
      await transport.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId });
    },
    close: () => transport.close(),
  };
}
