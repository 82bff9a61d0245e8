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
const BANG = 0x21;

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
const OPENINGS = [
  { prefix: '!--', state: COMMENT },
  { prefix: '![CDATA[', state: CDATA },
  { prefix: '?', state: INSTRUCTION },
  { prefix: '!DOCTYPE', state: DOCTYPE },
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
    // Where the next '&', '<!' and '<?' are: found once a chunk, not at every '<'.
    let ampersand = -1;
    let bang = -1;
    let question = -1;
    let index = 0;
    while (index < text.length) {
      if (this.state === PLAIN) {
        if (ampersand < index) ampersand = next(text, '&', index);
        if (bang < index) bang = next(text, '<!', index);
        if (question < index) question = next(text, '<?', index);
        const stop = Math.min(ampersand, bang, question);
        this.plain(text, index, stop);
        if (stop === text.length) {
          // A chunk ending on '<': what it opens comes with the next one.
          if (text.charCodeAt(stop - 1) === LT) this.open();
          return;
        }
        index = stop + 1;
        if (text.charCodeAt(stop) === LT) {
          this.open();
        } else {
          this.state = ENTITY;
          this.grow(1);
        }
        continue;
      }
      const code = text.charCodeAt(index++);
      this.grow(1);
      if (this.state === OPENING) {
        // Nearly every '<' opens an element's tag; only '!' and '?' may start something else.
        if (this.opening === '' && code !== BANG && code !== QUESTION) {
          this.state = PLAIN;
          continue;
        }
        this.opening += String.fromCharCode(code);
        const opened = OPENINGS.find((opening) => opening.prefix.startsWith(this.opening));
        if (opened && opened.prefix !== this.opening) continue;
        if (opened?.state === DOCTYPE) {
          throw new UnreadableWorkbookError(
            'tệp có khai báo DOCTYPE, điều tệp .xlsx không có (nghi là tệp độc hại)',
          );
        }
        // A construct opened, or not (`<!x`, which saxes refuses): the character is behind us.
        this.state = opened ? opened.state : PLAIN;
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

  /** Tags and text from `from` to `to`, where every '<' starts a new run. */
  private plain(text: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.run + (to - from) <= this.limits.xmlRunChars) {
      // No run can pass the limit in a stretch this short: only the last one goes on.
      const last = text.lastIndexOf('<', to - 1);
      this.run = last >= from ? to - last - 1 : this.run + (to - from);
      return;
    }
    for (let at = from; at < to;) {
      const lt = Math.min(next(text, '<', at), to);
      this.grow(lt - at);
      if (lt === to) return;
      this.run = 0;
      at = lt + 1;
    }
  }

  private open(): void {
    this.state = OPENING;
    this.opening = '';
    this.run = 0;
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
