// SECURITY-MATRIX B2–B10 and B16 against adapters/kit/xml.ts.
import { describe, expect, it } from 'vitest';
import { escapeXml, parseXmlSafely, xmlCommentText, xmlList, xmlText } from '../../adapters/kit/xml.ts';
import { UpstreamFailure } from '../../adapters/kit/errors.ts';

const MB = 1024 * 1024;
const parse = (xml: string, arrayPaths: string[] = []) => parseXmlSafely(xml, { maxBytes: MB, arrayPaths });

/** The failure thrown, asserting it is an "invalid response" and leaks nothing of the body. */
function rejection(xml: string, maxBytes = MB): UpstreamFailure {
  try {
    parseXmlSafely(xml, { maxBytes, arrayPaths: [] });
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamFailure);
    const failure = error as UpstreamFailure;
    expect(failure.kind).toBe('invalid');
    expect(failure.message).not.toContain('passwd');
    return failure;
  }
  throw new Error('expected the XML to be rejected');
}

describe('hostile XML', () => {
  it('B2: rejects an external entity without reading the file', () => {
    const failure = rejection('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>');
    expect(failure.message).not.toMatch(/root:/);
  });

  it('B3: rejects billion laughs quickly', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const started = performance.now();
    rejection(`<!DOCTYPE r [<!ENTITY l0 "lol">${lol}]><r>&l9;</r>`);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('B4: rejects a large entity expansion', () => {
    rejection(`<!DOCTYPE r [<!ENTITY big "${'x'.repeat(50_000)}">]><r>${'&big;'.repeat(100)}</r>`);
  });

  it('B5: rejects repeated DOCTYPE declarations', () => {
    rejection('<!DOCTYPE a><!DOCTYPE b><a/>');
  });

  it('B6: stops 5 MB of numeric character references at the size cap, before parsing', () => {
    const xml = `<r>${'&#7871;'.repeat(750_000)}</r>`;
    expect(xml.length).toBeGreaterThan(5 * 1000 * 1000);
    const started = performance.now();
    expect(rejection(xml).detail).toMatch(/size cap/);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it.each([
    '<r><__proto__><polluted>yes</polluted></__proto__></r>',
    '<r><constructor><prototype><polluted>yes</polluted></prototype></constructor></r>',
    '<r><x:__proto__ xmlns:x="urn:x"><polluted>yes</polluted></x:__proto__></r>',
    '<r __proto__="yes"/>',
    '<r><a constructor="yes"/></r>',
  ])('B7: rejects prototype-polluting names and leaves Object.prototype untouched: %s', (xml) => {
    rejection(xml);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('B8: rejects syntactically broken character references without crashing', () => {
    rejection('<r>e&#-1;f</r>');
    rejection('<r>f&#abc;g</r>');
  });

  it('B8: survives out-of-range numeric entities', () => {
    const doc = parse('<r><t>a&#99999999;b&#xD800;c&#0;d&#x110000;e&#7871;</t></r>');
    const text = xmlText((doc.r as Record<string, unknown>).t)!;
    expect(text).toContain('ế');
    expect(text).toMatch(/^a.*e/u);
    // No lone surrogate survives into our strings.
    expect(text).not.toMatch(/[\uD800-\uDFFF]/u);
  });

  it('B9: rejects 5,000 nested tags', () => {
    rejection(`${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}`);
  });

  it.each(['<a><b></a>', '<a>', '<a></b>', 'plain text', '<a x=1/>', '<a>&</a>'])('B10: rejects malformed XML: %s', (xml) => {
    expect(rejection(xml).detail).toMatch(/malformed|parser/);
  });
});

describe('screening by a validating parse, not patterns (issue 7 finding 13)', () => {
  it.each(['<r/>junk<x/>', '<r/><x/>', '<r><!-- a -- b --></r>', '<r/>trailing', '<r>a</r><!DOCTYPE x>', '<r>&#-1;</r>'])(
    'refuses what is not well-formed XML: %s',
    (xml) => {
      expect(rejection(xml).detail).toMatch(/malformed|DOCTYPE/);
    },
  );

  it('accepts a CDATA section that contains the text "<!DOCTYPE" or "<!ENTITY" (no false positive)', () => {
    const doc = parse('<r><![CDATA[<!DOCTYPE html><!ENTITY x "y"> & <b>]]></r>');
    expect(doc.r).toBe('<!DOCTYPE html><!ENTITY x "y"> & <b>');
  });

  it('accepts the reserved words as text and in a comment, refuses them only as names', () => {
    const doc = parse('<r><!-- constructor --><t>__proto__ prototype</t></r>');
    expect(xmlText((doc.r as Record<string, unknown>).t)).toBe('__proto__ prototype');
  });

  it('still refuses a DOCTYPE written with odd spacing or case that a pattern might miss', () => {
    rejection('<?xml version="1.0"?>\n<!DOCTYPE\tr SYSTEM "http://127.0.0.1/x.dtd"><r/>');
  });
});

describe('array rules decided by path', () => {
  it('keeps a declared list an array with one child, and leaves numbers as strings', () => {
    const doc = parse('<rss><channel><item><title>26</title></item></channel></rss>', ['rss.channel.item']);
    const channel = (doc.rss as Record<string, unknown>).channel;
    const items = xmlList(channel, 'item');
    expect(items).toHaveLength(1);
    expect(Array.isArray((channel as Record<string, unknown>).item)).toBe(true);
    expect(items[0]!.title).toBe('26');
  });

  it('decodes the five XML entities and numeric references in text', () => {
    const doc = parse('<r>Sở Thông tin &amp; Truyền thông &lt;TT&gt; &#272;i&#7873;u</r>');
    expect(doc.r).toBe('Sở Thông tin & Truyền thông <TT> Điều');
  });
});

describe('B16: text going into XML', () => {
  it.each(['a --> b', 'x ]]> y', '<script>alert(1)</script>', 'Tom & "Jerry" \'s', 'NUL\u0000 and \uFFFE'])('escapes %j so it round-trips as text', (text) => {
    const escaped = escapeXml(text);
    expect(escaped).not.toContain('-->');
    expect(escaped).not.toContain(']]>');
    expect(escaped).not.toContain('<');
    const doc = parse(`<r><t>${escaped}</t><a v="${escaped}"/></r>`);
    const expected = text.split('\u0000').join('').split('\uFFFE').join('').trim();
    expect(xmlText((doc.r as Record<string, unknown>).t)).toBe(expected);
  });

  it('keeps comment text free of "--"', () => {
    const comment = xmlCommentText('a -- b --> c -');
    expect(comment).not.toContain('--');
    expect(comment.endsWith('-')).toBe(false);
    expect(() => parse(`<r><!--${comment}--></r>`)).not.toThrow();
  });
});
