/**
 * decodeURIComponent that answers null instead of throwing URIError on a
 * malformed escape ("%E0", or "%25E0" once Next has decoded the path). Every
 * value read from a URL segment or a URI-encoded header goes through here, so
 * a bad escape is "not found" or a 400, never a 500.
 */
export function safeDecodeURIComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
