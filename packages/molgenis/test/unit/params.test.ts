import { ValidationError } from '@bio/core-http';
import { eq } from '@bio/rsql';
import { describe, expect, it } from 'vitest';
import { attrsParam, qParam, sortParam, withQ } from '../../src/internal/params.js';

describe('attrsParam', () => {
  it('joins attributes and expands references with (*)', () => {
    expect(attrsParam(['Individual', 'celiac_gender'], undefined)).toBe('Individual,celiac_gender');
    expect(attrsParam(['id', 'location'], ['location'])).toBe('id,location(*)');
    expect(attrsParam(['id'], ['observer'])).toBe('id,observer(*)');
    expect(attrsParam(undefined, ['observer'])).toBe('*,observer(*)');
    expect(attrsParam(undefined, undefined)).toBeUndefined();
    expect(attrsParam([], [])).toBeUndefined();
  });

  it('refuses names that would change the attrs list', () => {
    expect(() => attrsParam(['a,b'], undefined)).toThrow(ValidationError);
    expect(() => attrsParam(['a(*)'], undefined)).toThrow(ValidationError);
    expect(() => attrsParam([''], undefined)).toThrow(ValidationError);
    expect(() => attrsParam('id' as never, undefined)).toThrow(ValidationError);
  });
});

describe('sortParam', () => {
  it('writes attr:order pairs', () => {
    expect(sortParam([{ attr: 'year', order: 'desc' }, { attr: 'id' }])).toBe('year:desc,id:asc');
    expect(sortParam([])).toBeUndefined();
  });
  it('validates', () => {
    expect(() => sortParam([{ attr: 'year', order: 'down' as never }])).toThrow(ValidationError);
    expect(() => sortParam([{ attr: 'a:b' }])).toThrow(ValidationError);
  });
});

describe('qParam', () => {
  it('normalises both seed spellings to one canonical query', () => {
    const a = qParam('(celiac_weight>=80 and celiac_height<180) or (celiac_gender==Female)');
    const b = qParam('(celiac_weight>=80;celiac_height<180),(celiac_gender==Female)');
    expect(a).toBe('celiac_weight=ge=80;celiac_height=lt=180,celiac_gender==Female');
    expect(b).toBe(a);
  });
  it('knows the MOLGENIS operators', () => {
    expect(qParam('*=q=gnome')).toBe('*=q=gnome');
    expect(qParam('year=rng=(1990,2000)')).toBe('year=rng=(1990,2000)');
    expect(qParam('type=like=nom')).toBe('type=like=nom');
  });
  it('accepts nodes and keeps values intact', () => {
    expect(qParam(eq('title', 'C++ & more'))).toBe('title=="C++ & more"');
  });
  it('writes quoted values as rsql-parser 2.0.0 (MOLGENIS) reads them: no escapes, the quote the value lacks', () => {
    // MOLGENIS's pom pins rsql-parser 2.0.0, where a backslash inside quotes is literal
    expect(qParam(eq('path', 'C:\\my docs'))).toBe('path=="C:\\my docs"');
    expect(qParam(eq('title', 'say "hi"'))).toBe(`title=='say "hi"'`);
    expect(qParam(eq('title', "it's"))).toBe(`title=="it's"`);
    expect(qParam(eq('path', 'C:\\temp'))).toBe('path==C:\\temp');
    // the 2.1 escapes of a q string are resolved first, then the value is written for 2.0.0
    expect(qParam(String.raw`a=="x \\ \"y\"";b=in=('(1)',"it's")`)).toBe(String.raw`a=='x \ "y"';b=in=("(1)","it's")`);
    expect(qParam('(a=="p q",b==1);c==\'x"\'')).toBe(`(a=="p q",b==1);c=='x"'`);
  });
  it('refuses a value with both quote kinds, which rsql-parser 2.0.0 cannot read', () => {
    expect(() => qParam(eq('title', `it's "x"`))).toThrow(ValidationError);
    expect(() => qParam(String.raw`title=="it's \"x\""`)).toThrow(/both ' and "/);
  });
  it('refuses invalid input with the syntax error position', () => {
    expect(() => qParam('year==')).toThrow(ValidationError);
    expect(() => qParam('year=near=5')).toThrow(/not valid MOLGENIS RSQL/);
    expect(() => qParam(42 as never)).toThrow(ValidationError);
  });
});

describe('withQ', () => {
  it("escapes '+', '&', '#', '%', space and non-ASCII, keeps ';', ',' and '=' readable", () => {
    const url = withQ('api/v2/demo_notes', 'title=="a+b & c#d 100% é";year=in=(1,2)');
    expect(url).toBe('api/v2/demo_notes?q=title==%22a%2Bb%20%26%20c%23d%20100%25%20%C3%A9%22;year=in=(1,2)');
    expect(new URL(url, 'https://molgenis.example.org/').searchParams.get('q')).toBe('title=="a+b & c#d 100% é";year=in=(1,2)');
  });

  it('refuses a lone surrogate with a ValidationError (encodeURIComponent would throw URIError)', () => {
    expect(() => withQ('api/v2/demo_notes', 'a==x\uD800')).toThrow(ValidationError);
  });

  it('leaves the path alone without q', () => {
    expect(withQ('api/v2/demo_notes', undefined)).toBe('api/v2/demo_notes');
  });
});
