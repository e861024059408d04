import { describe, expect, it } from "vitest";
import { asciiFallback, checkFileName, contentDisposition, rfc5987 } from "./file-name";
import { formatBytes } from "./types";

describe("checkFileName", () => {
  it.each([
    ["report.pdf", "report.pdf", "pdf"],
    ["  Scan 2026.PNG ", "Scan 2026.PNG", "png"],
    ["Angebot für Müller.docx", "Angebot für Müller.docx", "docx"],
    ["archive.tar.log", "archive.tar.log", "log"],
    ["a..b.txt", "a..b.txt", "txt"],
  ])("keeps %j as %j (extension %s)", (raw, name, ext) => {
    expect(checkFileName(raw)).toEqual({ ok: true, name, ext });
  });

  it("normalises to NFC so the same name is the same string", () => {
    const decomposed = "Mu\u0308ller.pdf";
    const r = checkFileName(decomposed);
    expect(r.ok && r.name).toBe("Müller.pdf");
  });

  it.each([
    ["../../etc/passwd.txt", /slashes or folder names/],
    ["..\\..\\windows\\win.ini.txt", /slashes or folder names/],
    ["/etc/passwd.txt", /slashes/],
    ["sub/dir.pdf", /slashes/],
    ["..", /start with a dot/],
    [".htaccess.txt", /start with a dot/],
    ["evil\0.pdf.exe", /control characters/],
    ["line\nbreak.txt", /control characters/],
    ["photo\u202Egnp.exe", /control characters/],
    ["CON.txt", /“CON” is a reserved file name/],
    ["lpt1.pdf", /“lpt1” is a reserved file name/],
    ["nul .txt", /reserved file name/],
    ["what?.pdf", /cannot contain/],
    ['say"hi".txt', /cannot contain/],
    ["report.pdf.", /end with a dot/],
    ["README", /needs an extension/],
    ["", /needs a name/],
    ["   ", /needs a name/],
    [`${"a".repeat(201)}.pdf`, /at most 200 characters/],
  ])("refuses %j", (raw, message) => {
    const r = checkFileName(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it("CONSOLE.txt and con-notes.txt are ordinary names", () => {
    expect(checkFileName("CONSOLE.txt").ok).toBe(true);
    expect(checkFileName("con-notes.txt").ok).toBe(true);
  });
});

describe("Content-Disposition", () => {
  it("carries the UTF-8 name in filename* and an ASCII stand-in in filename", () => {
    expect(contentDisposition("attachment", "Angebot für Müller (v2).pdf")).toBe(
      `attachment; filename="Angebot fur Muller (v2).pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller%20%28v2%29.pdf`,
    );
  });

  it("cannot break out of the quoted parameter", () => {
    expect(asciiFallback('a";b\\c.txt')).toBe("a__b_c.txt");
    expect(asciiFallback("報告.pdf")).toBe("__.pdf");
    expect(rfc5987("it's*.txt")).toBe("it%27s%2A.txt");
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [10 * 1024 * 1024, "10 MB"],
    [25 * 1024 * 1024 + 1, "25 MB"],
  ])("%d → %s", (n, s) => expect(formatBytes(n)).toBe(s));
});
