/**
 * Turns Slack's wire format for message text into plain text: mentions of the
 * bot are removed (they address it, they are not part of the question), other
 * mentions, channels and links become readable, and `&amp;`/`&lt;`/`&gt;` are
 * decoded.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]+)>/g, (_match, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return target.slice(1) === botUserId ? '' : `@${label ?? 'someone'}`;
      if (target.startsWith('#')) return `#${label ?? 'channel'}`;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^subteam\^\w+$/, 'group')}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** True when the text mentions the given user (`<@U123>` or `<@U123|name>`). */
export function mentions(text: string | undefined, userId: string | undefined): boolean {
  return !!text && !!userId && new RegExp(`<@${userId}(\\|[^>]*)?>`).test(text);
}
