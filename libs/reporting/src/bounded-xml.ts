import { SaxesParser } from 'saxes';
import { type ImportLimits, UnreadableWorkbookError, vi } from './import-limits.js';

/** What a part's reader is told, element names without their namespace prefix (`x:row` is `row`). */
export interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SEMICOLON = 0x3b;
const DASH = 0x2d;
const CLOSE_BRACKET = 0x5d;
const QUESTION = 0x3f;

/** Where the scanner is: markup or text, just after a '<', in `&…;`, or in a construct saxes collects whole. */
const PLAIN = 0;
const OPENING = 1;
const ENTITY = 2;
const COMMENT = 3;
const CDATA = 4;
const INSTRUCTION = 5;
/** A DTD: no workbook part has one, and saxes would collect it whole. */
const DOCTYPE = 6;

/** The constructs a '<' may open that run past the next '<', and the state each starts. */
const OPENINGS: [string, number][] = [
  ['!--', COMMENT],
  ['![CDATA[', CDATA],
  ['?', INSTRUCTION],
  ['!DOCTYPE', DOCTYPE],
];

/**
 * Watches the text before saxes gets it, because saxes collects text, a tag, an entity name, a
 * comment or a CDATA section in one string with no bound of its own. A run is counted from one '<'
 * to the next; inside a comment, CDATA section or processing instruction (where '<' may appear) a
 * '<' does not start a new one, and an entity reference (`&…;`) must end before any '<'.
 */
export class MarkupBounds {
  private state = PLAIN;
  private run = 0;
  private opening = '';
  private previous = 0;
  private beforePrevious = 0;

  constructor(private readonly limits: Pick<ImportLimits, 'xmlRunChars'>) {}

  check(text: string): void {
    let index = 0;
    // '&' is rare: found once, not at every '<'.
    let ampersand = -1;
    while (index < text.length) {
      if (this.state === PLAIN) {
        // Markup and text hold no construct of their own: jump to the next '<' or '&'.
        if (ampersand < index) ampersand = next(text, '&', index);
        const stop = Math.min(next(text, '<', index), ampersand);
        this.grow(stop - index);
        if (stop === text.length) return;
        index = stop + 1;
        if (text.charCodeAt(stop) === LT) {
          this.state = OPENING;
          this.opening = '';
          this.run = 0;
        } else {
          this.state = ENTITY;
          this.grow(1);
        }
        continue;
      }
      const code = text.charCodeAt(index++);
      this.grow(1);
      if (this.state === OPENING) {
        this.opening += String.fromCharCode(code);
        const opened = OPENINGS.find(([prefix]) => prefix.startsWith(this.opening));
        if (opened && opened[0] !== this.opening) continue;
        if (opened?.[1] === DOCTYPE) {
          throw new UnreadableWorkbookError(
            'tệp có khai báo DOCTYPE, điều tệp .xlsx không có (nghi là tệp độc hại)',
          );
        }
        // An element's name, or a construct opened: either way the character is behind us.
        this.state = opened ? opened[1] : PLAIN;
        this.previous = this.beforePrevious = 0;
      } else if (this.state === ENTITY) {
        if (code === SEMICOLON) this.state = PLAIN;
        else if (code === LT) throw new UnreadableWorkbookError('tệp .xlsx bị hỏng');
      } else {
        if (code === GT && this.closes()) this.state = PLAIN;
        this.beforePrevious = this.previous;
        this.previous = code;
      }
    }
  }

  private grow(characters: number): void {
    this.run += characters;
    if (this.run > this.limits.xmlRunChars) {
      throw new UnreadableWorkbookError(
        `tệp có một đoạn XML dài hơn ${vi(this.limits.xmlRunChars)} ký tự (nghi là tệp độc hại)`,
      );
    }
  }

  /** Whether a '>' now ends the comment (`-->`), CDATA section (`]]>`) or instruction (`?>`). */
  private closes(): boolean {
    if (this.state === INSTRUCTION) return this.previous === QUESTION;
    const closer = this.state === COMMENT ? DASH : CLOSE_BRACKET;
    return this.previous === closer && this.beforePrevious === closer;
  }
}

/** Where `character` next occurs from `from`, or the text's length. */
function next(text: string, character: string, from: number): number {
  const at = text.indexOf(character, from);
  return at < 0 ? text.length : at;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * Parses a part's XML with saxes as its chunks arrive, and yields after each chunk so the caller
 * can pass on what the chunk produced (and stop reading when it has what it needs). The text is
 * bounded by `MarkupBounds` and the nesting by `xmlDepth`; saxes resolves no entity but the five
 * predefined ones and character references, so nothing expands.
 */
export async function* parseXml(
  chunks: AsyncIterable<Buffer>,
  handler: XmlHandler,
  limits: Pick<ImportLimits, 'xmlRunChars' | 'xmlDepth'>,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const bounds = new MarkupBounds(limits);
  const decoder = new TextDecoder('utf-8');
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > limits.xmlDepth) {
      throw new UnreadableWorkbookError(
        `tệp có XML lồng nhau quá ${vi(limits.xmlDepth)} tầng (nghi là tệp độc hại)`,
      );
    }
    handler.open(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handler.close(localName(tag.name));
  });
  parser.on('text', (text) => handler.text(text));
  parser.on('cdata', (text) => handler.text(text));
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    bounds.check(text);
    parser.write(text);
    yield;
  }
  const rest = decoder.decode();
  bounds.check(rest);
  parser.write(rest).close();
}

/** An attribute by its local name: `r:id` and `x:id` are both `id`. */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  const suffix = `:${name}`;
  for (const key in attributes) if (key.endsWith(suffix)) return attributes[key];
  return undefined;
}
