import type { Metadata } from "next";
import { connection } from "next/server";
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
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
