/** How an asset reads in pickers and on the ticket: "SRV-001 · db-prod-01" (pure: pages and pickers share it). */
export const assetLabel = (a: { tag: string; name: string }) => `${a.tag} · ${a.name}`;
