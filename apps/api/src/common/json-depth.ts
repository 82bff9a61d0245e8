import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * JSON nested deeper than this is refused before it is parsed: the deepest body the API takes
 * (a criteria set's indicators) nests 5 levels, and class-transformer recurses once per level,
 * so thousands of levels overflowed its stack.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export class JsonTooDeepError extends Error {
  /** body-parser passes the status on, so the error reaches the filter as a 400. */
  readonly status = 400;

  constructor(readonly field: string) {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH} levels in ${field}`);
  }
}

/**
 * The top-level field under which a JSON text first nests deeper than `maxDepth` containers,
 * `""` when there is none to name (the top level is an array), or null when it nests no deeper.
 * One pass over the bytes: structural characters are ASCII and never occur inside a UTF-8
 * multi-byte sequence.
 */
export function tooDeepField(json: Uint8Array, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Only the keys of a top-level object name a field; deeper ones are skipped over.
  let topIsObject = false;
  let expectKey = false;
  let keyStart = -1;
  let field = '';
  for (let at = 0; at < json.length; at++) {
    const byte = json[at];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        if (keyStart >= 0) field = decodeKey(json, keyStart, at + 1);
        keyStart = -1;
      }
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        if (expectKey) keyStart = at;
        expectKey = false;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (depth === maxDepth) return field;
        if (depth === 0) topIsObject = byte === OPEN_OBJECT;
        expectKey = depth === 0 && topIsObject;
        depth++;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth--;
        break;
      case COMMA:
        expectKey = depth === 1 && topIsObject;
        break;
      default:
    }
  }
  return null;
}

function decodeKey(json: Uint8Array, start: number, end: number): string {
  const raw = Buffer.from(json.buffer, json.byteOffset + start, end - start).toString('utf8');
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}

/** body-parser's `verify` hook: refuses a too deeply nested body before JSON.parse sees it. */
export function refuseDeepJson(_request: IncomingMessage, _response: ServerResponse, body: Buffer) {
  const field = tooDeepField(body);
  if (field !== null) throw new JsonTooDeepError(field || 'body');
}
