import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { AppConfig } from '../config/app-config';
import { projectRoot } from '../util/project-root';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Templates live beside their feature: "subscriptions/confirm-subscription" is
 * libs/subscriptions/src/emails/confirm-subscription.{subject,text,html}.njk.
 */
@Injectable()
export class MailRenderer {
  private readonly env: nunjucks.Environment;
  private readonly textEnv: nunjucks.Environment;

  constructor(private readonly config: AppConfig) {
    const libs = join(projectRoot(), 'libs');
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader(libs, { noCache: false }), {
      autoescape: true,
      throwOnUndefined: true,
    });
    // Text and subjects are not HTML: escaping would put &amp; into them.
    this.textEnv = new nunjucks.Environment(new nunjucks.FileSystemLoader(libs), {
      autoescape: false,
      throwOnUndefined: true,
    });
  }

  render(template: string, data: Record<string, unknown>): RenderedEmail {
    const [lib, name] = template.split('/');
    if (!lib || !name || !/^[a-z-]+$/.test(lib) || !/^[a-z0-9-]+$/.test(name)) {
      throw new Error(`Bad email template name ${template}`);
    }
    const base = `${lib}/src/emails/${name}`;
    if (!existsSync(join(projectRoot(), 'libs', `${base}.text.njk`))) {
      throw new Error(`No email template ${template}`);
    }
    const context = {
      ...data,
      serviceName: this.config.SERVICE_NAME,
      officeName: this.config.OFFICE_NAME,
      publicUrl: this.config.PUBLIC_URL,
    };
    const subject = this.textEnv.render(`${base}.subject.njk`, context).trim();
    const text = this.textEnv.render(`${base}.text.njk`, context);
    const body = this.env.render(`${base}.html.njk`, context);
    const html = this.env.render('core/src/mail/email-layout.html.njk', {
      ...context,
      subject,
      body,
    });
    return { subject, text, html };
  }
}
