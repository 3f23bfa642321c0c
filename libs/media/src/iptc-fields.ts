import { boundedText } from './metadata-text';

/** The IPTC fields Directus maps onto a file's row: caption → description, headline → title, keywords → tags. */
export interface IptcFields {
  caption?: string;
  headline?: string;
  keywords?: string[];
}

/**
 * IPTC-IIM application record 2 datasets, with the lengths the IIM standard allows them (the headline one
 * less, to fit the 255 characters of `title`).
 */
const CAPTION = { dataset: 120, max: 2000 };
const HEADLINE = { dataset: 105, max: 255 };
const KEYWORD = { dataset: 25, max: 64 };
/** More keywords than any real picture carries; the rest are ignored. */
const MAX_KEYWORDS = 64;
const TAG_MARKER = 0x1c;
const APPLICATION_RECORD = 2;
/** The Photoshop image resource that holds the IPTC-IIM datasets. */
const IPTC_RESOURCE = 0x0404;

/**
 * Where the IIM datasets start in what sharp reports as `iptc`: the JPEG APP13 payload, i.e. Photoshop image
 * resources ("Photoshop 3.0\0", then `8BIM` blocks), one of which holds them; or the datasets themselves.
 */
function iimData(buffer: Buffer): Buffer | undefined {
  if (buffer[0] === TAG_MARKER) return buffer;
  const header = 'Photoshop 3.0\0';
  let offset = buffer.toString('latin1', 0, header.length) === header ? header.length : 0;
  while (offset + 12 <= buffer.length && buffer.toString('latin1', offset, offset + 4) === '8BIM') {
    const id = buffer.readUInt16BE(offset + 4);
    // A Pascal-string name, its length byte included, padded to an even size.
    const nameLength = buffer[offset + 6] + 1;
    const sizeAt = offset + 6 + nameLength + (nameLength % 2);
    if (sizeAt + 4 > buffer.length) return undefined;
    const size = buffer.readUInt32BE(sizeAt);
    const start = sizeAt + 4;
    if (id === IPTC_RESOURCE) return buffer.subarray(start, Math.min(buffer.length, start + size));
    offset = start + size + (size % 2);
  }
  return undefined;
}

/**
 * The caption, headline and keywords of an IPTC-IIM block, read dataset by dataset (each is its marker, its
 * record and dataset numbers and a 2-byte length); a truncated or malformed block ends the reading, never
 * throws. Text is decoded as UTF-8 and bounded to the lengths IIM allows.
 */
export function readIptcFields(buffer: Buffer): IptcFields {
  const data = iimData(buffer);
  const fields: IptcFields = {};
  if (!data) return fields;
  let offset = 0;
  while (offset + 5 <= data.length && data[offset] === TAG_MARKER) {
    const record = data[offset + 1];
    const dataset = data[offset + 2];
    const size = data.readUInt16BE(offset + 3);
    // The high bit announces an extended length, which no text field needs: stop there.
    if (size & 0x8000) break;
    const start = offset + 5;
    if (start + size > data.length) break;
    if (record === APPLICATION_RECORD) {
      const text = data.toString('utf8', start, start + size);
      if (dataset === CAPTION.dataset) fields.caption ??= boundedText(text, CAPTION.max);
      else if (dataset === HEADLINE.dataset) fields.headline ??= boundedText(text, HEADLINE.max);
      else if (dataset === KEYWORD.dataset) {
        const keyword = boundedText(text, KEYWORD.max);
        const keywords = (fields.keywords ??= []);
        if (keyword && keywords.length < MAX_KEYWORDS && !keywords.includes(keyword)) keywords.push(keyword);
      }
    }
    offset = start + size;
  }
  if (fields.keywords?.length === 0) delete fields.keywords;
  return fields;
}
