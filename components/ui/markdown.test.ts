import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeUrl } from "./markdown";

const html = (source: string, mentions?: Record<string, string>) => renderToStaticMarkup(createElement(Markdown, { source, mentions }));
const USER = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("Markdown: formatting", () => {
  it("renders GFM: emphasis, lists, tables, strikethrough, code", () => {
    const out = html("**bold** _it_ ~~gone~~\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`x < y`");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain("<em>it</em>");
    expect(out).toContain("<del>gone</del>");
    expect(out).toContain("<li>one</li>");
    expect(out).toContain("<table>");
    expect(out).toContain("<code>x &lt; y</code>");
  });

  it("keeps safe links, opening in a new tab without referrer or opener", () => {
    const out = html("[docs](https://example.com/a?b=1) and <https://example.org> and [mail](mailto:help@example.com)");
    expect(out).toContain('href="https://example.com/a?b=1"');
    expect(out).toContain('href="https://example.org/"');
    expect(out).toContain('href="mailto:help@example.com"');
    for (const a of out.match(/<a [^>]*>/g) ?? []) {
      expect(a).toContain('target="_blank"');
      expect(a).toContain('rel="noopener noreferrer nofollow"');
    }
  });
});

describe("Markdown: hostile input", () => {
  it.each([
    ["javascript:", "[click](javascript:alert(1))"],
    ["JavaScript: in capitals", "[click](JaVaScRiPt:alert(1))"],
    ["javascript: behind a tab", "[click](java\tscript:alert(1))"],
    ["javascript: as an entity", "[click](&#106;avascript:alert(1))"],
    ["javascript: with leading spaces", "[click](<  javascript:alert(1)>)"],
    ["data:", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript:", "[click](vbscript:msgbox(1))"],
    ["file:", "[click](file:///etc/passwd)"],
    ["a relative path", "[click](/desk?x=1)"],
    ["a protocol-relative URL", "[click](//evil.example/x)"],
    ["a reference link", "[click][x]\n\n[x]: javascript:alert(1)"],
  ])("drops the link for %s, keeping its text", (_what, source) => {
    const out = html(source);
    expect(out).not.toMatch(/<a\b/);
    expect(out).not.toMatch(/javascript:|vbscript:|data:|file:/i);
    expect(out).toContain("click");
  });

  it("never renders raw HTML: tags arrive as text", () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\nhi <b onclick="x()">there</b> <iframe src="https://evil.example"></iframe>');
    expect(out).not.toMatch(/<script|<img|<b |<iframe/);
    expect(out).toContain("&lt;script&gt;");
    // The attributes appear only as escaped text, never inside a tag.
    expect(out).not.toMatch(/<[a-z][^>]*\s(onerror|onclick|src)=/i);
  });

  it("keeps the markdown around HTML: a tag at a line's start is shown as text inside the paragraph", () => {
    const out = html("<div>\n**bold** inside\n</div>\n\nafter **bold**\n\n<p>para</p>\n- not *lost*\n\n> <b>quoted</b> and **strong**");
    expect(out).not.toMatch(/<div>|<p>para|<b>/);
    expect(out).toContain("&lt;div&gt;");
    expect(out).toContain("<strong>bold</strong> inside");
    expect(out).toContain("after <strong>bold</strong>");
    expect(out).toContain("&lt;p&gt;para&lt;/p&gt;");
    expect(out).toContain("<em>lost</em>");
    expect(out).toMatch(/<blockquote>[\s\S]*&lt;b&gt;quoted&lt;\/b&gt; and <strong>strong<\/strong>/);
  });

  it("leaves code and autolinks alone while doing so", () => {
    const out = html("```\n<div>kept</div>\n```\n\n<https://example.org/x>\n\n    <pre>indented code</pre>");
    expect(out).toContain("<pre><code>&lt;div&gt;kept&lt;/div&gt;\n</code></pre>");
    expect(out).toContain('<a href="https://example.org/x"');
    expect(out).not.toContain("\\&lt;");
    expect(out).toContain("<code>&lt;pre&gt;indented code&lt;/pre&gt;\n</code>");
  });

  it("loads no image: an image becomes a link to it, with its alt text", () => {
    const out = html("![tracking pixel](https://evil.example/p.png)");
    expect(out).not.toMatch(/<img/);
    expect(out).toContain('href="https://evil.example/p.png"');
    expect(out).toContain("Image: tracking pixel");
  });

  it("an image inside a link becomes its alt text (no nested links)", () => {
    const out = html("[![logo](https://evil.example/l.png)](https://example.com)");
    expect(out).not.toMatch(/<img/);
    expect(out.match(/<a\b/g)).toHaveLength(1);
    expect(out).toContain(">logo</a>");
  });

  it("an image with a javascript: source is plain text", () => {
    const out = html("![x](javascript:alert(1))");
    expect(out).not.toMatch(/<a\b|<img|javascript:/);
  });

  it("autolinked javascript: text is not a link", () => {
    expect(html("javascript:alert(1)")).not.toMatch(/<a\b/);
  });
});

describe("Markdown: mentions", () => {
  it("highlights resolved mentions with the current name", () => {
    const out = html(`ping @[Old Name](${USER}) please`, { [USER]: "Sam Agent" });
    expect(out).toContain('data-mention=""');
    expect(out).toContain("@Sam Agent");
    expect(out).not.toContain(USER);
  });

  it("shows unresolved mention tokens as plain text, without the id", () => {
    const out = html(`ping @[Boss](${USER})`);
    expect(out).not.toContain("data-mention");
    expect(out).not.toMatch(/<a\b/);
    expect(out).toContain("@Boss");
    expect(out).not.toContain(USER);
  });

  it("a hand-written mention: link is no link and no highlight", () => {
    const out = html(`[@Boss](mention:${USER})`);
    expect(out).not.toContain("data-mention");
    expect(out).not.toMatch(/<a\b/);
  });

  it("markdown in a mentioned name is escaped", () => {
    const out = html(`@[x](${USER})`, { [USER]: "**Evil** [x](javascript:alert(1))" });
    expect(out).not.toContain("<strong>");
    expect(out).not.toMatch(/<a\b/);
  });
});

describe("safeUrl", () => {
  it("accepts http, https and mailto only", () => {
    expect(safeUrl("https://example.com")).toBe("https://example.com/");
    expect(safeUrl("http://example.com/x")).toBe("http://example.com/x");
    expect(safeUrl("mailto:a@example.com")).toBe("mailto:a@example.com");
    expect(safeUrl(" javascript:alert(1)")).toBeNull();
    expect(safeUrl("data:text/html,x")).toBeNull();
    expect(safeUrl("/relative")).toBeNull();
  });
});
