// Where to go after signing in: only a path on this site, decided by parsing
// it as a URL against a placeholder origin — never by looking at its first
// characters. Browsers drop tabs and newlines inside URLs and read "\" as "/",
// so "/\t/evil.example" and "/\\evil.example" are other sites; "/.//evil"
// normalises to "//evil", another site again.
const PLACEHOLDER = "http://callback.invalid";

export function safeCallbackPath(raw: unknown, fallback = "/"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return fallback;
  // Control characters and backslashes never belong in the app's own paths.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  // Back to the sign-in page would only loop.
  if (url.pathname === "/login" || url.pathname.startsWith("/api/auth")) return fallback;
  return path;
}
