// Security headers, in one place. Constant headers go on every response
// through next.config.ts; the Content-Security-Policy (a fresh nonce per page)
// and HSTS (only when the app is told it is served over HTTPS) are set by the
// proxy. Kept free of imports: next.config.ts loads this file.

/** On every response: pages, route handlers, static files. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Older browsers' twin of CSP frame-ancestors: no page of ours is framed, by anyone.
  { key: "X-Frame-Options", value: "DENY" },
  // Ticket numbers and desk searches live in our URLs: other sites get no referrer at all.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** For responses that are never a page (JSON, files): nothing may run or frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The pages' policy. Scripts only with this response's nonce ('strict-dynamic'
 * lets Next's own chunks load the rest); styles may be inline (React style
 * attributes); images from us, data: and blob: (previews), never from other
 * sites (markdown shows remote images as links); no plugins, no framing, forms
 * and <base> only to us.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Two years, subdomains too: only sent when the public URL is https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
