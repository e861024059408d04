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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What a text box shows of a body: each token as "@Name", with the people it
 * named, so that encodeMentions can write the tokens back on save.
 */
export function mentionsForEditing(body: string): { text: string; picked: MentionToken[] } {
  return { text: mentionsAsPlainText(body), picked: parseMentions(body) };
}

/**
 * The body to store from what a text box shows: every "@Name" of a person
 * picked in it (or named by the body being edited) becomes their token; a
 * name edited away is plain text. Longer names first, so "@Ada Admin" is not
 * read as "@Ada". A name followed by a letter or digit is not that person.
 */
export function encodeMentions(text: string, picked: readonly MentionToken[]): string {
  const byName = new Map<string, string>();
  for (const p of picked) if (!byName.has(p.name)) byName.set(p.name, p.userId);
  if (byName.size === 0) return text;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`@(${names.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "gu");
  return text.replace(pattern, (_all, name: string) => formatMention({ id: byName.get(name)!, name }));
}
