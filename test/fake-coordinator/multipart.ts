/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  fileName?: string;
  data: Buffer;
}

/** The boundary from a `multipart/form-data; boundary=...` content type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2]?.trim();
}

/** Splits a whole multipart body into its parts (binary safe). */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = readPart(body.subarray(start, next));
    if (part) parts.push(part);
    at = next;
  }
  return parts;
}

function readPart(raw: Buffer): FormPart | undefined {
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd < 0) return undefined;
  const headers = raw.subarray(0, headerEnd).toString('utf8');
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  let data = raw.subarray(headerEnd + 4);
  if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
  return fileName === undefined ? { name, data } : { name, fileName, data };
}
