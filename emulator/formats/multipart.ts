import { badRequest } from "../errors";

/** A multipart/form-data body: text fields, and file parts (those with a `filename`) as bytes. */
export interface Form {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
}

const malformed = (why: string) =>
  badRequest("MALFORMED_REQUEST", `Malformed multipart/form-data body: ${why}`);

/** Parses a multipart/form-data body (RFC 7578), as `requests` sends it for `files=` uploads. */
export function parseMultipart(body: Buffer, contentType: string): Form {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw malformed("no boundary in Content-Type");
  const delim = Buffer.from(`--${m[1] ?? m[2]}`);
  const form: Form = { fields: {}, files: {} };
  let pos = body.indexOf(delim);
  if (pos < 0) throw malformed("boundary not found");
  for (;;) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === "--") return form; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== "\r\n") throw malformed("bad delimiter line");
    pos += 2;
    const headEnd = body.indexOf("\r\n\r\n", pos);
    if (headEnd < 0) throw malformed("part without headers");
    const head = body.subarray(pos, headEnd).toString("utf8");
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delim]), headEnd + 4);
    if (next < 0) throw malformed("unterminated part");
    const data = body.subarray(headEnd + 4, next);
    const disp = /^content-disposition:\s*form-data(.*)$/im.exec(head);
    if (!disp) throw malformed("part without Content-Disposition: form-data");
    const name = /;\s*name="([^"]*)"/i.exec(disp[1])?.[1];
    if (name === undefined) throw malformed("part without a name");
    if (/;\s*filename=/i.test(disp[1])) form.files[name] = Buffer.from(data);
    else form.fields[name] = data.toString("utf8");
    pos = next + 2;
  }
}
