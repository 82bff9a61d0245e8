import { Readable } from 'node:stream';
import { MarkupBounds, parseXml, type XmlHandler } from './bounded-xml.js';
import { IMPORT_LIMITS, UnreadableWorkbookError } from './import-limits.js';

/** Feeds the text in pieces of `size` characters, as chunks may cut it anywhere. */
function scan(text: string, size: number, limit = 10): void {
  const bounds = new MarkupBounds({ xmlRunChars: limit });
  for (let at = 0; at < text.length; at += size) bounds.check(text.slice(at, at + size));
}

describe('bounding what the XML parser holds', () => {
  it.each([1, 2, 3, 1000])('counts runs across chunks cut every %i characters', (size) => {
    expect(() => scan('<a>123456</a><b x="1"/>', size)).not.toThrow();
    expect(() => scan('<a>1234567890</a>', size)).toThrow(UnreadableWorkbookError);
    // In a comment, CDATA section or instruction a '<' starts no new run, until it closes.
    expect(() => scan('<!--<a<b<c<-->', size, 20)).not.toThrow();
    expect(() => scan('<!--<a<b<c<d<e<f<g<h<i-->', size, 20)).toThrow(/dài hơn 20 ký tự/);
    expect(() => scan('<![CDATA[<<]]<]]><a>', size, 20)).not.toThrow();
    expect(() => scan('<![CDATA[<a]]<b]]<c<d<e<f<g]]><a>', size, 20)).toThrow(/dài hơn 20/);
    expect(() => scan('<?pi <a?<b<c<d<e<f<g?>', size, 20)).toThrow(/dài hơn 20/);
    expect(() => scan('<?pi <a?><b/><c/><d/><e/>', size, 20)).not.toThrow();
    expect(() => scan('<!DOCTYPE a>', size)).toThrow(/DOCTYPE/);
    expect(() => scan('<t>&amp;&lt;</t>', size, 20)).not.toThrow();
    expect(() => scan('<t>&am<p;</t>', size)).toThrow('tệp .xlsx bị hỏng');
  });

  it('parses with names free of their prefix, text, CDATA, and nothing past the depth limit', async () => {
    const seen: string[] = [];
    const handler: XmlHandler = {
      open: (name, attributes) => seen.push(`<${name} ${JSON.stringify(attributes)}>`),
      text: (text) => seen.push(text),
      close: (name) => seen.push(`</${name}>`),
    };
    // Three bytes at a time: 'ế' (three bytes in UTF-8) is cut too.
    function chunks(text: string): AsyncIterable<Buffer> {
      const bytes = Buffer.from(text, 'utf8');
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += 3) pieces.push(bytes.subarray(at, at + 3));
      return Readable.from(pieces);
    }
    const steps = parseXml(
      chunks('<x:a r:id="1"><x:t>aế<![CDATA[<b>]]></x:t></x:a>'),
      handler,
      IMPORT_LIMITS,
    );
    for await (const _step of steps) {
      // One step a chunk.
    }
    expect(seen.join('')).toBe('<a {"r:id":"1"}><t {}>aế<b></t></a>');
    const deep = parseXml(chunks('<a>'.repeat(65)), handler, IMPORT_LIMITS);
    await expect(
      (async () => {
        for await (const _step of deep) {
          // Until the limit.
        }
      })(),
    ).rejects.toThrow('tệp có XML lồng nhau quá 64 tầng (nghi là tệp độc hại)');
  });
});
