/**
 * What RSS and Atom share: a strict well-formedness check with the position of the first error, a
 * refusal of DOCTYPE entity declarations (billion-laughs bombs), the offsets of each <item>/<entry>
 * so every record keeps its verbatim XML and line, and a fast-xml-parser configured so that element
 * text arrives raw (references are decoded by `entities.ts`, never by a DTD).
 */
import { OgohError } from '@ogoh/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { xmlCharData } from './entities.ts';
import { LineCounter } from './lines.ts';

export interface ElementSpan {
  start: number;
  /** exclusive */
  end: number;
}

/** A parsed element: attributes as `@_name`, raw text of stop-nodes as `#text`, children by name. */
export type XmlNode = Record<string, unknown>;

/**
 * Make `text` acceptable to the validator without moving any line: a prolog preceded by whitespace
 * (common in hand-made feeds) is blanked out rather than removed.
 */
function normalizeProlog(text: string): string {
  const m = /^(\s+)(<\?xml[^>]*\?>)/.exec(text);
  if (!m) return text;
  return m[1] + (m[2] as string).replace(/[^\n]/g, ' ') + text.slice(m[0].length);
}

/**
 * Validate `text` as XML: refuses DOCTYPE entity declarations, then runs XMLValidator.
 * @throws OgohError INPUT_PARSE with line and column
 */
export function checkXml(text: string): string {
  const t = normalizeProlog(text);
  const doctype = /<!DOCTYPE\b/i.exec(t);
  if (doctype) {
    const after = t.slice(doctype.index, doctype.index + 1_000_000);
    const entity = /<!ENTITY\b/i.exec(after);
    const subsetEnd = after.indexOf(']>');
    if (entity && (subsetEnd === -1 || entity.index < subsetEnd)) {
      const pos = new LineCounter(t).at(doctype.index + entity.index);
      throw new OgohError(
        'INPUT_PARSE',
        'the DOCTYPE declares entities, which can expand without limit; refused',
        {
          line: pos.line,
          column: pos.column,
          hint: 'feeds never need custom entities: remove the <!DOCTYPE …[ … ]> block',
        },
      );
    }
  }
  let res: ReturnType<typeof XMLValidator.validate>;
  try {
    res = XMLValidator.validate(t, { allowBooleanAttributes: true });
  } catch (e) {
    throw new OgohError('INPUT_PARSE', `malformed XML (${e instanceof Error ? e.message : String(e)})`, {
      cause: e,
    });
  }
  if (res !== true) {
    const { msg, line, col } = res.err;
    throw new OgohError('INPUT_PARSE', `malformed XML: ${msg}`, {
      line,
      column: col,
      hint: 'check for an unescaped "&" or "<" in text, or an unclosed tag',
    });
  }
  return t;
}

/** Name of the first element (after the prolog, comments and DOCTYPE), or undefined. */
export function rootName(text: string): string | undefined {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) return undefined;
    if (text.startsWith('<?', lt)) i = endOf(text, '?>', lt + 2);
    else if (text.startsWith('<!--', lt)) i = endOf(text, '-->', lt + 4);
    else if (text.startsWith('<!', lt)) i = doctypeEnd(text, lt);
    else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, lt + 200));
      return m?.[1];
    }
    if (i === -1) return undefined;
  }
}

function endOf(text: string, close: string, from: number): number {
  const k = text.indexOf(close, from);
  return k === -1 ? -1 : k + close.length;
}

function doctypeEnd(text: string, lt: number): number {
  const gt = text.indexOf('>', lt);
  const br = text.indexOf('[', lt);
  if (br !== -1 && (gt === -1 || br < gt)) {
    const close = text.indexOf(']', br);
    return close === -1 ? -1 : endOf(text, '>', close);
  }
  return gt === -1 ? -1 : gt + 1;
}

/** End of a start tag beginning at `lt` ('>' outside quoted attribute values), exclusive; -1 if none. */
function tagEnd(text: string, lt: number): number {
  let q = '';
  for (let i = lt + 1; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/**
 * Offsets of the outermost elements named `names` (exact qualified names), skipping comments, CDATA
 * and processing instructions. Meant for text that passed `checkXml`.
 */
export function scanElements(text: string, names: ReadonlySet<string>): ElementSpan[] {
  const spans: ElementSpan[] = [];
  let open: { name: string; start: number; depth: number } | undefined;
  let i = 0;
  const nameAt = (from: number) => /^[A-Za-z_][\w.:-]*/.exec(text.slice(from, from + 256))?.[0] ?? '';
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) i = endOf(text, '-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) i = endOf(text, ']]>', lt + 9);
    else if (text.startsWith('<?', lt)) i = endOf(text, '?>', lt + 2);
    else if (text.startsWith('<!', lt)) i = doctypeEnd(text, lt);
    else if (text[lt + 1] === '/') {
      const name = nameAt(lt + 2);
      i = endOf(text, '>', lt);
      if (open && name === open.name && --open.depth === 0) {
        spans.push({ start: open.start, end: i === -1 ? text.length : i });
        open = undefined;
      }
    } else {
      const name = nameAt(lt + 1);
      i = tagEnd(text, lt);
      if (i === -1) break;
      const selfClosing = text[i - 2] === '/';
      if (open) {
        if (name === open.name && !selfClosing) open.depth++;
      } else if (names.has(name)) {
        if (selfClosing) spans.push({ start: lt, end: i });
        else open = { name, start: lt, depth: 1 };
      }
    }
    if (i === -1) break;
  }
  return spans;
}

/** The text with the given spans cut out (what remains is the feed's own metadata). */
export function without(text: string, spans: ElementSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start);
    at = s.end;
  }
  return out + text.slice(at);
}

/** A parser that leaves the named text elements raw (their own `#text`), attributes as `@_x`. */
export function makeParser(stopNodes: string[]): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: false,
    stopNodes: stopNodes.map((n) => `*.${n}`),
  });
}

/** Parse an XML fragment that already passed validation as part of its document. */
export function parseXml(parser: XMLParser, xml: string, line: number): XmlNode {
  try {
    const v = parser.parse(xml) as unknown;
    return v !== null && typeof v === 'object' ? (v as XmlNode) : {};
  } catch (e) {
    throw new OgohError('INPUT_PARSE', `malformed XML (${e instanceof Error ? e.message : String(e)})`, {
      line,
      cause: e,
    });
  }
}

/** Value(s) of a child as an array. */
export function all(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** The first child element object (or string) named `key`. */
export function child(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Raw inner text of an element as the parser left it. */
export function rawText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') {
    const t = (v as XmlNode)['#text'];
    if (typeof t === 'string') return t;
  }
  return '';
}

/** Decoded character data of an element (CDATA literal, references decoded), trimmed. */
export function textOf(v: unknown): string {
  return xmlCharData(rawText(v)).trim();
}

/** A decoded attribute value, or undefined. */
export function attr(v: unknown, name: string): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const a = (v as XmlNode)[`@_${name}`];
  return typeof a === 'string' ? xmlCharData(a).trim() : undefined;
}

/** Namespace URI → the prefix this document uses for it (from xmlns:* attributes on the root). */
export function namespacePrefixes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of rootTag(text).matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    const uri = (m[2] as string).trim().replace(/\/+$/, '').toLowerCase();
    if (!out.has(uri)) out.set(uri, m[1] as string);
  }
  return out;
}

/** Start-tag text of the root element (for namespace declarations). */
export function rootTag(text: string): string {
  const name = rootName(text);
  if (!name) return '';
  const at = text.indexOf(`<${name}`);
  if (at === -1) return '';
  const end = tagEnd(text, at);
  return text.slice(at, end === -1 ? at + 4096 : end);
}
