// The mention token written into comment bodies: `@[Name](user-uuid)`. Pure
// helpers shared by the composer (client), the renderer and the domain.

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
/** A fresh global regex each call (global regexes carry lastIndex state). */
export const mentionPattern = () => new RegExp(`@\\[([^\\[\\]\\n]{1,100})\\]\\((${UUID})\\)`, "g");

export interface MentionToken {
  name: string;
  userId: string;
}

/** Names travel inside the token: strip what would end it early. */
export function mentionName(name: string): string {
  return name.replace(/[[\]()\n\r]/g, "").trim().slice(0, 100) || "someone";
}

export function formatMention(user: { id: string; name: string }): string {
  return `@[${mentionName(user.name)}](${user.id.toLowerCase()})`;
}

/** Every distinct user id mentioned in a body, in order of first appearance. */
export function parseMentions(body: string): MentionToken[] {
  const seen = new Set<string>();
  const out: MentionToken[] = [];
  for (const m of body.matchAll(mentionPattern())) {
    const userId = m[2]!.toLowerCase();
    if (seen.has(userId)) continue;
    seen.add(userId);
    out.push({ name: m[1]!, userId });
  }
  return out;
}

export function hasMentions(body: string): boolean {
  return mentionPattern().test(body);
}

/** The body with every token shown as plain "@Name" (public text, notifications, previews). */
export function mentionsAsPlainText(body: string): string {
  return body.replace(mentionPattern(), (_all, name: string) => `@${name}`);
}
