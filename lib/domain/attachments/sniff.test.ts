import { describe, expect, it } from "vitest";
import * as files from "@/test/fixtures/files";
import { factsFromBuffer, judge, TextScanner, zipEntryNames } from "./sniff";
import type { UploadType } from "./types";

async function verdict(ext: UploadType, bytes: Uint8Array) {
  return judge(ext, await factsFromBuffer(bytes));
}

describe("content sniffing: every allowed type is recognised by its content", () => {
  const cases: [UploadType, Buffer, string][] = [
    ["pdf", files.pdf(), "application/pdf"],
    ["png", files.png(), "image/png"],
    ["jpg", files.jpeg(), "image/jpeg"],
    ["jpeg", files.jpeg(), "image/jpeg"],
    ["doc", files.ole(), "application/msword"],
    ["xls", files.ole(), "application/vnd.ms-excel"],
    ["docx", files.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["xlsx", files.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["txt", files.text(), "text/plain; charset=utf-8"],
    ["csv", files.text("id,name\n1,Ünal\n"), "text/csv; charset=utf-8"],
    ["log", files.text("2026-11-22 INFO started\n"), "text/plain; charset=utf-8"],
  ];
  it.each(cases)(".%s is accepted with the server's own MIME type", async (ext, bytes, mime) => {
    expect(await verdict(ext, bytes)).toEqual({ ok: true, mime });
  });

  it("a UTF-8 byte-order mark and a sentence starting with MZ are still text", async () => {
    expect((await verdict("txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), files.text()]))).ok).toBe(true);
    expect((await verdict("txt", files.text("MZ is the ISO code of Mozambique.\n"))).ok).toBe(true);
  });
});

describe("content sniffing: mismatches are refused with a message that says why", () => {
  it("a PNG named .pdf", async () => {
    const v = await verdict("pdf", files.png());
    expect(v).toEqual({ ok: false, status: 415, message: "The file's content does not match its .pdf name: it is not a PDF document (it looks like a PNG image)." });
  });

  it("a PDF named .png and a PNG named .jpg", async () => {
    expect(await verdict("png", files.pdf())).toMatchObject({ ok: false, status: 415, message: expect.stringContaining("it is not a PNG image (it looks like a PDF document)") });
    expect(await verdict("jpg", files.png())).toMatchObject({ ok: false, message: expect.stringContaining("not a JPEG image") });
  });

  it.each(["pdf", "txt", "doc", "png", "docx"] as const)("a renamed .exe named .%s", async (ext) => {
    expect(await verdict(ext, files.exe())).toEqual({ ok: false, status: 415, message: "Programs and other executable files cannot be attached, whatever their name." });
  });

  it("an ELF binary named .log", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    expect(await verdict("log", elf)).toMatchObject({ ok: false, message: expect.stringContaining("executable") });
  });

  it("text with a NUL byte", async () => {
    expect(await verdict("txt", Buffer.from("hello\0world\n"))).toEqual({ ok: false, status: 415, message: "The file's content does not match its .txt name: it contains NUL bytes." });
  });

  it("invalid UTF-8 (Latin-1 bytes) named .csv", async () => {
    expect(await verdict("csv", Buffer.from("id,name\n1,M\xfcller\n", "latin1"))).toEqual({
      ok: false,
      status: 415,
      message: "The file's content does not match its .csv name: it is not valid UTF-8.",
    });
  });

  it("UTF-16 text (NUL bytes) named .txt", async () => {
    expect(await verdict("txt", Buffer.from("\ufeffhello", "utf16le"))).toMatchObject({ ok: false, message: expect.stringContaining("NUL bytes") });
  });

  it("a ZIP without [Content_Types].xml named .docx", async () => {
    const v = await verdict("docx", files.zip({ "word/document.xml": "<w:document/>", "readme.txt": "hi" }));
    expect(v).toEqual({ ok: false, status: 415, message: "The file's content does not match its .docx name: it is not a Word document (it looks like a ZIP archive)." });
  });

  it("a DOCX named .xlsx and an XLSX named .docx", async () => {
    expect(await verdict("xlsx", files.docx())).toMatchObject({ ok: false, message: expect.stringContaining("(it looks like a Word document)") });
    expect(await verdict("docx", files.xlsx())).toMatchObject({ ok: false, message: expect.stringContaining("(it looks like an Excel workbook)") });
  });

  it("an OLE file named .docx, a DOCX named .doc, text named .pdf", async () => {
    expect((await verdict("docx", files.ole())).ok).toBe(false);
    expect((await verdict("doc", files.docx())).ok).toBe(false);
    expect(await verdict("pdf", files.text())).toMatchObject({ ok: false, message: expect.stringContaining("(it looks like plain text)") });
  });

  it("a PNG signature followed by junk is not a PNG", async () => {
    const fake = Buffer.concat([files.png().subarray(0, 8), Buffer.alloc(64, 0x41)]);
    expect((await verdict("png", fake)).ok).toBe(false);
  });

  it("an empty file", async () => {
    expect(await verdict("txt", Buffer.alloc(0))).toEqual({ ok: false, status: 422, message: "The file is empty." });
    expect(await verdict("pdf", Buffer.alloc(0))).toEqual({ ok: false, status: 422, message: "The file is empty." });
  });
});

describe("TextScanner", () => {
  it("accepts a multi-byte character split across chunks and refuses a truncated one at the end", () => {
    const bytes = Buffer.from("grüße ✓", "utf8");
    const s = new TextScanner();
    for (const b of bytes) s.push(Uint8Array.of(b));
    expect(s.end()).toBe("text");
    const t = new TextScanner();
    t.push(bytes.subarray(0, bytes.length - 1));
    expect(t.end()).toBe("invalid");
  });
});

describe("zipEntryNames", () => {
  it("lists the central directory and gives up on non-ZIP data", async () => {
    const z = files.docx();
    expect(await zipEntryNames(z.length, async (p, l) => z.subarray(p, p + l))).toEqual(["[Content_Types].xml", "word/document.xml"]);
    const junk = Buffer.alloc(100, 7);
    expect(await zipEntryNames(junk.length, async (p, l) => junk.subarray(p, p + l))).toBeNull();
  });
});
