/**
 * Character references. fast-xml-parser runs with entity processing off (so no DOCTYPE entity can
 * expand); this single left-to-right pass decodes the five XML entities, numeric references and the
 * HTML names that feeds put into escaped HTML, without ever decoding the output of a previous pass.
 */

// biome-ignore format: a lookup table reads best compact
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', ensp: '\u2002',
  emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', ndash: '–',
  mdash: '—', minus: '−', hellip: '…', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', lsquo: '‘',
  rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', prime: '′', Prime: '″', bull: '•',
  middot: '·', para: '¶', sect: '§', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×',
  divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', micro: 'µ',
  cent: '¢', pound: '£', yen: '¥', euro: '€', curren: '¤', dagger: '†', Dagger: '‡', permil: '‰', larr: '←',
  rarr: '→', uarr: '↑', darr: '↓', harr: '↔', numero: '№', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º',
  not: '¬', macr: '¯', acute: '´', cedil: '¸', uml: '¨', brvbar: '¦', hearts: '♥', check: '✓', star: '☆',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù',
  Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', szlig: 'ß', agrave: 'à', aacute: 'á', acirc: 'â',
  atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê',
  euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï', ntilde: 'ñ', ograve: 'ò', oacute: 'ó',
  ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü',
  yacute: 'ý', yuml: 'ÿ', scaron: 'š', Scaron: 'Š', oelig: 'œ', OElig: 'Œ', gbreve: 'ğ', Gbreve: 'Ğ',
  scedil: 'ş', Scedil: 'Ş', inodot: 'ı', Idot: 'İ',
};

/** HTML maps these C1 code points to Windows-1252 characters (`&#151;` is an em dash on the web). */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Legacy names browsers accept without the trailing semicolon. */
const NO_SEMI = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

function fromCode(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return C1[code - 0x80] as string;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

const REF = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

/**
 * Decode character references in one pass. Unknown names are left as written.
 * @param lenient accept the legacy semicolon-less forms (`&amp`, `&nbsp`) that HTML allows
 */
export function decodeEntities(s: string, lenient = false): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(
    REF,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
      if (!semi && !(lenient && name !== undefined && NO_SEMI.has(name))) return whole;
      if (dec !== undefined) return fromCode(Number.parseInt(dec, 10));
      if (hex !== undefined) return fromCode(Number.parseInt(hex, 16));
      const v = NAMED[name as string];
      return v === undefined ? whole : v;
    },
  );
}

/**
 * Text content of raw XML character data: CDATA sections kept literally, references decoded
 * elsewhere. Used for elements read as raw stop-nodes.
 */
export function xmlCharData(raw: string): string {
  if (raw.indexOf('<![CDATA[') === -1) return decodeEntities(raw);
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('<![CDATA[', i);
    if (start === -1) {
      out += decodeEntities(raw.slice(i));
      break;
    }
    out += decodeEntities(raw.slice(i, start));
    const end = raw.indexOf(']]>', start + 9);
    if (end === -1) {
      out += raw.slice(start + 9);
      break;
    }
    out += raw.slice(start + 9, end);
    i = end + 3;
  }
  return out;
}
