import type { SendMailOptions } from 'nodemailer';
import type { OutgoingEmail } from '../../core/newsletter/ports.js';

/** The nodemailer message for one of our emails; shared by the SMTP and outbox mailers so both write the same message. */
export function toMailOptions(email: OutgoingEmail): SendMailOptions {
  return {
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    ...(email.headers ? { headers: email.headers } : {}),
    ...(email.messageId ? { messageId: email.messageId } : {}),
  };
}
