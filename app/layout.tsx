import type { Metadata } from "next";
import { connection } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { resolveTheme } from "@/lib/validation/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Help desk", template: "%s · Help desk" },
  description: "Tickets, changes and boards for teams that support others.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request — the 404 page too — so that Next can
  // put this response's CSP nonce (proxy.ts) on its scripts; a prerendered
  // page would carry none and its scripts would be refused.
  await connection();
  // The theme is in the first byte of HTML, so a dark page never flashes
  // light and the client renders what the server did. getActor is read once
  // per request (the section layouts ask it too); signed out: the system's.
  const theme = resolveTheme((await getActor())?.theme);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
