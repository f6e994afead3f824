import { type CsvRow, CsvSplitter } from '../../../src/audit/csv-splitter';

function split(chunks: string[]): CsvRow[] {
  const splitter = new CsvSplitter('in.csv');
  const rows: CsvRow[] = [];
  for (const chunk of chunks) splitter.push(chunk, rows);
  splitter.end(rows);
  return rows;
}

describe('CsvSplitter', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted fields', () => {
    // Act
    const rows = split(['a,"b,1","say ""hi""","two\r\nlines"\r\n', 'x,,"",z\r\n']);

    // Assess
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b,1', 'say "hi"', 'two\r\nlines'],
      ['x', '', '', 'z'],
    ]);
    expect(rows.map((r) => r.position.line)).toEqual([1, 3]);
  });

  it('gives the same rows whichever way the text is cut into chunks', () => {
    // Prepare
    const text = '"h1","h2"\n"a ""q"", b","c\nd"\nlast,row';
    const whole = split([text]).map((r) => r.cells);

    // Act & Assess
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(split([text.slice(0, cut), text.slice(cut)]).map((r) => r.cells)).toEqual(whole);
    }
    expect(whole).toEqual([
      ['h1', 'h2'],
      ['a "q", b', 'c\nd'],
      ['last', 'row'],
    ]);
  });

  it('skips blank lines and fails clearly on a quoted field that never ends', () => {
    // Act & Assess
    expect(split(['a,b\n\n\nc,d\n']).map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(() => split(['a,b\n"open,c\n'])).toThrow(
      'in.csv: a quoted CSV field that never ends (truncated file?) at line 2',
    );
  });
});
