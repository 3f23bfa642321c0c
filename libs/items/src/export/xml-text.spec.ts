import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeXmlName, isXmlName, readXml, xmlValue } from './testing/xml-reader';
import { xmlDocumentEnd, xmlDocumentStart, xmlEmptyDocument, xmlItem, xmlName, xmlText } from './xml-text';

const document = (rows: Record<string, unknown>[]) =>
  rows.length === 0 ? xmlEmptyDocument() : xmlDocumentStart() + rows.map(xmlItem).join('') + xmlDocumentEnd();

/** The items of a written document, read back by the independent strict reader. */
const readBack = (rows: Record<string, unknown>[]) => {
  const root = readXml(document(rows));
  assert.equal(root.name, 'data');
  assert.ok(root.children.every((child) => child.name === 'data'));
  return root.children.map(xmlValue);
};

describe('xmlText', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'Hello world', 'Hello world'],
    ['the five specials', `a & b < c > d "e" 'f'`, 'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;'],
    ['an entity-looking text stays literal', '&amp;', '&amp;amp;'],
    ['TAB and LF are kept, CR is a reference', 'a\tb\nc\r\nd', 'a\tb\nc&#13;\nd'],
    ['C0 controls and DEL-adjacent', 'a\u0000b\u0001c\u001fd\u007fe', 'abcd\u007fe'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFFc', 'abc'],
    ['lone surrogates', 'a\uD800b\uDC00c', 'abc'],
    ['a surrogate pair (astral char) is kept', 'a😀b', 'a😀b'],
    ['"]]>" cannot end a CDATA we never open, but ">" is escaped anyway', ']]>', ']]&gt;'],
  ];
  for (const [name, input, output] of cases) {
    it(name, () => assert.equal(xmlText(input), output));
  }
});

describe('xmlName', () => {
  const cases: [string, string][] = [
    ['title', 'title'],
    ['date_created', 'date_created'],
    ['Ünïcödé', 'Ünïcödé'],
    ['a-b.c', 'a-b.c'],
    ['first name', 'first_x0020_name'],
    ['2nd', '_x0032_nd'],
    ['-x', '_x002D_x'],
    ['.x', '_x002E_x'],
    ['ns:tag', 'ns_x003A_tag'],
    ['a<b>&"\'', 'a_x003C_b_x003E__x0026__x0022__x0027_'],
    ['_x0020_', '_x005F_x0020_'],
    ['_x0020', '_x0020'],
    ['_xZZZZ_', '_xZZZZ_'],
    ['tab\there', 'tab_x0009_here'],
    ['nul\u0000', 'nul_x0000_'],
    ['\uD800', '_xD800_'],
    ['\u{F0000}x', '_x000F0000_x'],
    ['', '_'],
  ];
  for (const [key, name] of cases) {
    it(`${JSON.stringify(key)} → ${name}`, () => {
      assert.equal(xmlName(key), name);
      assert.ok(isXmlName(name), `${name} is a valid XML name`);
      if (key !== '') assert.equal(decodeXmlName(name), key, 'the encoding is reversible');
    });
  }
});

describe('xml export document', () => {
  it('has the Directus shape: <data> root, one <data> per item, one element per field', () => {
    assert.equal(
      document([
        { id: 1, title: 'A & B', pages: null },
        { id: 2, title: '', pages: 7 },
      ]),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<data>',
        '  <data>',
        '    <id>1</id>',
        '    <title>A &amp; B</title>',
        '    <pages/>',
        '  </data>',
        '  <data>',
        '    <id>2</id>',
        '    <title></title>',
        '    <pages>7</pages>',
        '  </data>',
        '</data>',
        '',
      ].join('\n'),
    );
  });

  it('an empty export is a document with an empty root', () => {
    assert.equal(xmlEmptyDocument(), '<?xml version="1.0" encoding="UTF-8"?>\n<data/>\n');
    assert.deepEqual(readXml(xmlEmptyDocument()), { name: 'data', children: [], text: '' });
  });

  it('nested objects become child elements, arrays repeat their element', () => {
    const row = {
      id: 1,
      author: { id: 9, name: 'Ann', address: { city: 'Oslo' } },
      tags: ['a', 'b'],
      comments: [
        { id: 3, body: 'x' },
        { id: 4, body: 'y' },
      ],
    };
    assert.equal(
      xmlItem(row),
      [
        '  <data>',
        '    <id>1</id>',
        '    <author>',
        '      <id>9</id>',
        '      <name>Ann</name>',
        '      <address>',
        '        <city>Oslo</city>',
        '      </address>',
        '    </author>',
        '    <tags>a</tags>',
        '    <tags>b</tags>',
        '    <comments>',
        '      <id>3</id>',
        '      <body>x</body>',
        '    </comments>',
        '    <comments>',
        '      <id>4</id>',
        '      <body>y</body>',
        '    </comments>',
        '  </data>',
        '',
      ].join('\n'),
    );
    assert.deepEqual(readBack([row]), [
      {
        id: '1',
        author: { id: '9', name: 'Ann', address: { city: 'Oslo' } },
        tags: ['a', 'b'],
        comments: [
          { id: '3', body: 'x' },
          { id: '4', body: 'y' },
        ],
      },
    ]);
  });

  it('empty arrays, empty objects and null are empty elements; arrays in arrays nest', () => {
    assert.deepEqual(readBack([{ a: [], b: {}, c: null, d: [[1, 2], [], [3]], e: true, f: 1.5 }]), [
      { a: '', b: '', c: '', d: [{ d: ['1', '2'] }, '', { d: '3' }], e: 'true', f: '1.5' },
    ]);
  });

  it('hostile keys and values, at every depth, still read back as well-formed XML', () => {
    const nasty = 'x\u0000<y>&z;"\'\r\n]]>\uFFFF\uD800😀';
    const kept = 'x<y>&z;"\'\r\n]]>😀';
    const row = {
      [nasty]: nasty,
      '1 2': { 'xml:lang': [nasty, { '': nasty }] },
      _x0041_: 'looks escaped',
    };
    // Keys are encoded, not stripped: even their illegal characters decode back exactly.
    assert.deepEqual(readBack([row]), [
      {
        [nasty]: kept,
        '1 2': { 'xml:lang': [kept, { _: kept }] },
        _x0041_: 'looks escaped',
      },
    ]);
  });
});

describe('the spec reader rejects what is not well-formed', () => {
  const bad: [string, string][] = [
    ['unclosed root', '<data><data></data>'],
    ['mismatched tags', '<data><a></b></data>'],
    ['raw ampersand', '<data>a & b</data>'],
    ['raw less-than', '<data>a < b</data>'],
    ['unknown entity', '<data>&nbsp;</data>'],
    ['reference to NUL', '<data>&#0;</data>'],
    ['raw control char', '<data>\u0001</data>'],
    ['lone surrogate', '<data>\uD800</data>'],
    ['name starting with a digit', '<data><1a/></data>'],
    ['name with a space', '<data><a b></a b></data>'],
    ['two roots', '<data/><data/>'],
    ['text after root', '<data/>x'],
    ['unescaped quote', '<data>"</data>'],
  ];
  for (const [name, source] of bad) {
    it(name, () => assert.throws(() => readXml(source), /not well-formed XML/));
  }
});
