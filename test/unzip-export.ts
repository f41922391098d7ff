// The practice export as a test reads it: its files, a file's text, and a CSV file's rows by header.
import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";

export type Row = Record<string, string>;

export async function unzipExport(stream: ReadableStream<Uint8Array>) {
  const files = unzipSync(new Uint8Array(await new Response(stream).arrayBuffer()));
  const text = (name: string) => strFromU8(files[name]!);
  const csv = (name: string) => parse(text(name), { columns: true }) as Row[];
  return { files, text, csv };
}
