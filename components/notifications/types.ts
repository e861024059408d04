/** A notification as sent to the browser (dates as ISO strings). */
export interface InboxEntry {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
  href: string | null;
}

export function toEntries(items: { id: string; title: string; body: string; createdAt: Date | string; read: boolean; href: string | null }[]): InboxEntry[] {
  return items.map((i) => ({ id: i.id, title: i.title, body: i.body, createdAt: typeof i.createdAt === "string" ? i.createdAt : i.createdAt.toISOString(), read: i.read, href: i.href }));
}
