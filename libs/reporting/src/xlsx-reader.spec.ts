import ExcelJS from 'exceljs';
import { REGISTRY_COLUMNS, type CellInput } from '@app/domain';
import {
  batched,
  deflatedPart,
  repeatedPart,
  partsOf,
  sharedStringsXml,
  sheetXml,
  storedPart,
  stylesXml,
  withPart,
  workbookParts,
  zipOf,
  zipText,
} from '../../../test/support/xlsx-parts.js';
import { writeImportTemplate } from './import-templates.js';
import { IMPORT_LIMITS, type ImportLimits, UnreadableWorkbookError } from './import-limits.js';
import { columnOf, isDateFormat, readFirstSheet, type SheetRow } from './xlsx-reader.js';

async function rows(file: Buffer, limits: ImportLimits = IMPORT_LIMITS): Promise<SheetRow[]> {
  const read: SheetRow[] = [];
  for await (const row of readFirstSheet(file, limits)) read.push(row);
  return read;
}

async function refusal(file: Buffer, limits: Partial<ImportLimits> = {}): Promise<string> {
  try {
    await rows(file, { ...IMPORT_LIMITS, ...limits });
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableWorkbookError);
    return (error as Error).message;
  }
  throw new Error('the file was read');
}

const partsOfText = (parts: Map<string, string>) =>
  [...parts].map(([name, text]) => deflatedPart(name, [text]));

/** A workbook of one sheet holding these rows' XML, with shared strings and styles if given. */
function oneSheet(rowsXml: string, more: { sharedStrings?: string; styles?: string } = {}): Buffer {
  return zipText(
    workbookParts({
      sheets: [{ name: 'Dữ liệu', file: 'sheet1.xml', xml: sheetXml(rowsXml) }],
      ...more,
    }),
  );
}

const cells = (read: SheetRow[]): CellInput[][] => read.map((row) => row.cells);

describe('reading the first sheet of an uploaded workbook', () => {
  it('reads what exceljs writes: text, numbers, booleans, dates, rich text, errors and formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.addRow(['Mã hộ', 'Họ tên chủ hộ', 'Số nhân khẩu', 'Đăng ký', 'Ngày']);
    sheet.addRow(['H_001', 'Nguyễn Văn Nhập', 4, true, new Date(Date.UTC(2016, 2, 15))]);
    sheet.getCell('E2').numFmt = 'dd/mm/yyyy';
    sheet.addRow([
      'H_002',
      { richText: [{ text: 'Trần ' }, { font: { bold: true }, text: 'Thị Khẩu' }] },
      { formula: 'A1+1', result: 2 },
      false,
      new Date(Date.UTC(2020, 0, 1)),
    ]);
    sheet.getCell('C4').value = { error: '#N/A' };
    sheet.getCell('D4').value = 27.5;
    const read = await rows(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.map((row) => row.row)).toEqual([1, 2, 3, 4]);
    expect(cells(read)).toEqual([
      ['Mã hộ', 'Họ tên chủ hộ', 'Số nhân khẩu', 'Đăng ký', 'Ngày'],
      ['H_001', 'Nguyễn Văn Nhập', 4, true, new Date(Date.UTC(2016, 2, 15))],
      ['H_002', 'Trần Thị Khẩu', { formula: true }, false, new Date(Date.UTC(2020, 0, 1))],
      [null, null, '#N/A', 27.5],
    ]);
  });

  it('reads the app’s own template: headers in order and the example row', async () => {
    const template = await writeImportTemplate({
      title: 'Danh sách hộ',
      columns: REGISTRY_COLUMNS.households,
      examples: [{ code: 'HT_001', headName: 'Lê Văn Mẫu', hamletCode: 'T01', members: 4 }],
      lists: [],
      instructions: ['Điền mỗi hộ một dòng'],
    });
    const read = await rows(template);
    expect(read[0].cells).toEqual(REGISTRY_COLUMNS.households.map((column) => column.header));
    expect(read[1].cells).toEqual(['HT_001', 'Lê Văn Mẫu', 'T01', null, 4]);
  });

  it('reads inline strings, formula strings, errors, booleans, ISO dates and numbers', async () => {
    const file = oneSheet(
      '<row r="2">' +
        '<c r="A2" t="inlineStr"><is><r><t>Hộ </t></r><r><rPr><b/></rPr><t xml:space="preserve">Lê  Văn</t></r><rPh><t>PHONETIC</t></rPh></is></c>' +
        '<c r="B2" t="str"><v>chữ</v></c>' +
        '<c r="C2" t="e"><v>#DIV/0!</v></c>' +
        '<c r="D2" t="b"><v>1</v></c>' +
        '<c r="E2" t="d"><v>2016-03-15T00:00:00Z</v></c>' +
        '<c r="F2"><v>-12.5</v></c>' +
        '<c r="G2" t="str"><f>A1</f><v>x</v></c>' +
        '<c r="H2"><v>1.5E3</v></c>' +
        '<c r="I2" t="inlineStr"><is><t><![CDATA[a < b & c]]></t></is></c>' +
        '<c r="J2" t="inlineStr"><is><t>&lt;&amp;&#x1EBF;&#233;</t></is></c>' +
        '</row>',
    );
    expect(await rows(file)).toEqual([
      {
        row: 2,
        cells: [
          'Hộ Lê  Văn',
          'chữ',
          '#DIV/0!',
          true,
          new Date(Date.UTC(2016, 2, 15)),
          -12.5,
          { formula: true },
          1500,
          'a < b & c',
          '<&ếé',
        ],
      },
    ]);
  });

  it('joins the runs of a rich shared string and leaves out its phonetic guide', async () => {
    const file = oneSheet('<row r="1"><c t="s"><v>1</v></c><c t="s"><v>0</v></c></row>', {
      sharedStrings: sharedStringsXml(
        '<si><t>một</t></si>' +
          '<si><r><t>Nguyễn </t></r><r><rPr><i/></rPr><t>Thị</t></r><rPh sb="0" eb="1"><t>グエン</t></rPh></si>',
      ),
    });
    expect(cells(await rows(file))).toEqual([['Nguyễn Thị', 'một']]);
  });

  it('returns numbers in date formats as dates: built-in, custom, and the 1904 system', async () => {
    const styles = stylesXml(
      { 164: 'dd/mm/yyyy', 165: '#,##0 "ngày"', 166: '[$-42A]d mmmm yyyy' },
      [0, 14, 164, 165, 166, 2, 22],
    );
    const row =
      '<row r="1">' +
      [0, 1, 2, 3, 4, 5, 6].map((style) => `<c s="${style}"><v>42444</v></c>`).join('') +
      '</row>';
    const march = new Date(Date.UTC(2016, 2, 15));
    expect(cells(await rows(oneSheet(row, { styles })))).toEqual([
      [42444, march, march, 42444, march, 42444, march],
    ]);
    const parts = workbookParts({
      sheets: [
        { name: 'S', file: 'sheet1.xml', xml: sheetXml('<row><c s="1"><v>40982</v></c></row>') },
      ],
      styles,
      date1904: true,
    });
    expect(cells(await rows(zipText(parts)))).toEqual([[march]]);
  });

  it('tells date formats by their d, m and y outside quotes and brackets', () => {
    for (const code of ['dd/mm/yyyy', 'm/d/yy', 'mmm yyyy', '[$-vi-VN]dd mmmm yyyy', 'yyyy-mm-dd'])
      expect([code, isDateFormat(code)]).toEqual([code, true]);
    for (const code of ['General', '0.00', '#,##0 "ngày"', '[Red]0', '0_m', '\\d0', '@'])
      expect([code, isDateFormat(code)]).toEqual([code, false]);
  });

  it('reads the first sheet in the workbook’s order, not the zip’s', async () => {
    const parts = workbookParts({
      sheets: [
        {
          name: 'Dữ liệu',
          file: 'sheet2.xml',
          xml: sheetXml('<row><c t="inlineStr"><is><t>đầu</t></is></c></row>'),
        },
        {
          name: 'Hướng dẫn',
          file: 'sheet1.xml',
          xml: sheetXml('<row><c t="inlineStr"><is><t>sau</t></is></c></row>'),
        },
      ],
    });
    // The later sheet comes first in the zip, as sheet1.xml.
    expect([...parts.keys()].filter((name) => name.includes('worksheets'))).toEqual([
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    expect(cells(await rows(zipText(parts)))).toEqual([['đầu']]);
  });

  it('places cells by reference, or one after another without one, and numbers rows', async () => {
    const file = oneSheet(
      '<row r="3"><c r="C3"><v>3</v></c><c><v>4</v></c><c r="F3"><v>6</v></c></row>' +
        '<row><c><v>1</v></c></row>' +
        '<row r="7" spans="1:3"></row>',
    );
    expect(await rows(file)).toEqual([
      { row: 3, cells: [null, null, 3, 4, null, 6] },
      { row: 4, cells: [1] },
      { row: 7, cells: [] },
    ]);
  });

  it('lets a row have empty styled cells past column 60, but no value there', async () => {
    const styled = oneSheet(
      '<row r="2"><c r="A2"><v>1</v></c><c r="BJ2" s="1"/><c r="XFD2" s="1"/></row>',
    );
    expect(cells(await rows(styled))).toEqual([[1]]);
    expect(
      await refusal(oneSheet('<row r="2"><c r="A2"><v>1</v></c><c r="BI2"><v>2</v></c></row>')),
    ).toBe('dòng 2 có quá 60 cột');
    const sixty = `<row r="5">${Array.from({ length: 60 }, () => '<c><v>1</v></c>').join('')}</row>`;
    expect((await rows(oneSheet(sixty)))[0].cells).toHaveLength(60);
  });

  it('reads namespace-prefixed parts and parts stored without compression', async () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>có</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const parts = workbookParts({ sheets: [{ name: 'S', file: 'sheet1.xml', xml }] });
    expect(
      cells(await rows(zipOf([...parts].map(([name, text]) => storedPart(name, text))))),
    ).toEqual([[null, 'có']]);
  });

  it('stops reading when the caller stops', async () => {
    const many = [
      ...batched(50_000, (index) => `<row r="${index + 1}"><c><v>${index}</v></c></row>`),
    ];
    const parts = workbookParts({ sheets: [{ name: 'S', file: 'sheet1.xml', xml: '' }] });
    parts.delete('xl/worksheets/sheet1.xml');
    const file = zipOf([
      ...partsOfText(parts),
      deflatedPart('xl/worksheets/sheet1.xml', [
        `<worksheet xmlns="x"><sheetData>`,
        ...many,
        '</sheetData></worksheet>',
      ]),
    ]);
    let seen = 0;
    for await (const row of readFirstSheet(file)) {
      if (++seen === 3) {
        expect(row.row).toBe(3);
        break;
      }
    }
    expect(seen).toBe(3);
  });

  it('refuses what is not a workbook, and a broken one', async () => {
    expect(await refusal(Buffer.from('Mã hộ,Họ tên\n'))).toBe('không phải tệp Excel .xlsx');
    expect(await refusal(zipOf([deflatedPart('readme.txt', ['không'])]))).toBe(
      'không phải tệp Excel .xlsx',
    );
    const parts = workbookParts({
      sheets: [{ name: 'S', file: 'sheet1.xml', xml: '<worksheet><sheetData><row>' }],
    });
    expect(await refusal(zipText(parts))).toBe('không đọc được nội dung tệp .xlsx');
    parts.delete('xl/worksheets/sheet1.xml');
    expect(await refusal(zipText(parts))).toBe('không tìm thấy trang tính đầu tiên trong tệp');
    expect(await refusal(oneSheet('<row><c t="s"><v>7</v></c></row>'))).toBe('tệp .xlsx bị hỏng');
  });
});

describe('the limits of an uploaded workbook, each while it is read', () => {
  const text = (value: string) => `<c t="inlineStr"><is><t>${value}</t></is></c>`;

  it('checks the zip’s directory first: parts, declared sizes and ratios', async () => {
    const honestParts = workbookParts({
      sheets: [{ name: 'S', file: 'sheet1.xml', xml: sheetXml('<row><c><v>1</v></c></row>') }],
    });
    const honest = zipText(honestParts);
    expect(await refusal(honest, { parts: 2 })).toBe(
      'tệp .xlsx có hơn 2 phần (nghi là tệp độc hại)',
    );
    // A name listed again and again counts each time.
    const again = deflatedPart('xl/styles.xml', ['<styleSheet/>']);
    expect(
      await refusal(zipOf([...partsOfText(honestParts), again, again, again]), { parts: 5 }),
    ).toBe('tệp .xlsx có hơn 5 phần (nghi là tệp độc hại)');
    const numbers = [...batched(300_000, (index) => `<row><c><v>${index}</v></c></row>`)];
    expect(await refusal(oneSheet(numbers.join('')), { unzippedBytes: 1024 * 1024 })).toBe(
      'tệp giải nén ra quá lớn: quá 1 MB (nghi là tệp độc hại)',
    );
    const whitespace = oneSheet(`<row><c><v>1</v></c></row>${' '.repeat(3_000_000)}`);
    expect(await refusal(whitespace)).toBe(
      'tệp giải nén ra quá lớn: hơn 200 lần dung lượng nén (nghi là tệp độc hại)',
    );
  });

  describe('a part that inflates to more than its zip declares', () => {
    const template = async () =>
      partsOf(
        await writeImportTemplate({
          title: 'Danh sách hộ',
          columns: REGISTRY_COLUMNS.households,
          examples: [],
          lists: [],
          instructions: [],
        }),
      );

    it.each([
      [
        'the sheet',
        'xl/worksheets/sheet1.xml',
        '<worksheet><sheetData>',
        ' ',
        '</sheetData></worksheet>',
      ],
      ['the shared strings', 'xl/sharedStrings.xml', '<sst>', '<si><t>a</t></si>', '</sst>'],
      ['the styles', 'xl/styles.xml', '<styleSheet>', '<fonts/>', '</styleSheet>'],
    ])('stops %s of 4 GiB by the ratio as it inflates', async (_what, name, head, filler, tail) => {
      const bomb = repeatedPart(name, {
        head,
        filler: filler.repeat(Math.ceil((1024 * 1024) / filler.length)),
        times: 4096,
        tail,
        declared: 5_000_000,
      });
      expect(bomb.data.length).toBeLessThan(20 * 1024 * 1024);
      // The directory declares 5 MB, under the limits: only the count as it inflates can say this.
      // (guarded-inflate.spec.ts shows the ratio stops whitespace within half a megabyte.)
      expect(await refusal(zipOf(withPart(await template(), bomb)))).toBe(
        'tệp giải nén ra quá lớn: hơn 200 lần dung lượng nén (nghi là tệp độc hại)',
      );
    });

    it('stops a part of ordinary XML at the size it declares', async () => {
      const rowsXml = [
        ...batched(
          100_000,
          (index) => `<row r="${index + 2}"><c r="A${index + 2}"><v>${index}</v></c></row>`,
        ),
      ];
      const honest = deflatedPart('xl/worksheets/sheet1.xml', [
        '<worksheet><sheetData>',
        ...rowsXml,
        '</sheetData></worksheet>',
      ]);
      const lying = { ...honest, size: 100_000 };
      expect(await refusal(zipOf(withPart(await template(), lying)))).toBe(
        'tệp giải nén ra quá lớn: vượt kích thước ghi trong tệp (nghi là tệp độc hại)',
      );
    });
  });

  it('bounds the shared strings: their number and their characters', async () => {
    const items = (count: number, value: string) =>
      sharedStringsXml(Array.from({ length: count }, () => `<si><t>${value}</t></si>`).join(''));
    const sheet = '<row><c t="s"><v>0</v></c></row>';
    expect(
      await refusal(oneSheet(sheet, { sharedStrings: items(11, 'a') }), { sharedStrings: 10 }),
    ).toBe('bảng chuỗi dùng chung (sharedStrings.xml) có hơn 10 chuỗi');
    expect(
      await refusal(oneSheet(sheet, { sharedStrings: items(5, 'abcde') }), {
        sharedStringChars: 24,
      }),
    ).toBe('bảng chuỗi dùng chung (sharedStrings.xml) có hơn 24 ký tự');
    expect(
      cells(
        await rows(oneSheet(sheet, { sharedStrings: items(10, 'á') }), {
          ...IMPORT_LIMITS,
          sharedStrings: 10,
        }),
      ),
    ).toEqual([['á']]);
  });

  it('bounds one cell’s text, in the shared strings and in the sheet', async () => {
    const long = 'ộ'.repeat(IMPORT_LIMITS.cellChars + 1);
    expect(
      await refusal(
        oneSheet('<row><c t="s"><v>0</v></c></row>', {
          sharedStrings: sharedStringsXml(`<si><r><t>${long.slice(1)}</t></r><r><t>x</t></r></si>`),
        }),
      ),
    ).toBe('một ô dài hơn 32.767 ký tự');
    expect(await refusal(oneSheet(`<row r="4">${text(long)}</row>`))).toBe(
      'dòng 4 có một ô dài hơn 32.767 ký tự',
    );
  });

  it('bounds the text of the sheet’s cells, a shared string counted at each use', async () => {
    const file = oneSheet(`<row>${'<c t="s"><v>0</v></c>'.repeat(4)}${text('abc')}</row>`, {
      sharedStrings: sharedStringsXml('<si><t>abcde</t></si>'),
    });
    expect(cells(await rows(file, { ...IMPORT_LIMITS, sheetChars: 23 }))[0]).toHaveLength(5);
    expect(await refusal(file, { sheetChars: 22 })).toBe(
      'các ô chữ của trang tính có hơn 22 ký tự',
    );
  });

  it('bounds the cells of a row and of the sheet, and the rows', async () => {
    const empties = (count: number) => '<c s="1"/>'.repeat(count);
    expect(await refusal(oneSheet(`<row r="9">${empties(IMPORT_LIMITS.rowCells + 1)}</row>`))).toBe(
      'dòng 9 có hơn 16.384 ô',
    );
    expect(
      await refusal(oneSheet(`<row>${empties(6)}</row><row>${empties(6)}</row>`), { cells: 10 }),
    ).toBe('trang tính có hơn 10 ô');
    expect(await refusal(oneSheet('<row r="1"/><row r="5"/>'), { rows: 3 })).toBe(
      'trang tính có quá 3 dòng; hãy chia thành nhiều tệp',
    );
    expect(await refusal(oneSheet('<row r="1"/>'.repeat(5)), { rows: 3 })).toBe(
      'trang tính có quá 3 dòng; hãy chia thành nhiều tệp',
    );
  });

  it('bounds the styles', async () => {
    const styles = stylesXml(
      {},
      Array.from({ length: 11 }, () => 0),
    );
    expect(await refusal(oneSheet('<row/>', { styles }), { styles: 10 })).toBe(
      'bảng định dạng (styles.xml) có hơn 10 kiểu (nghi là tệp độc hại)',
    );
  });

  it('bounds what the XML parser holds: runs of text, tags, comments, CDATA, entities, nesting', async () => {
    const tooLong = 'tệp có một đoạn XML dài hơn 1.000 ký tự (nghi là tệp độc hại)';
    const limits = { xmlRunChars: 1000 };
    const sheet = (xml: string) => oneSheet(`<row>${xml}</row>`);
    expect(await refusal(sheet(text('x'.repeat(1001))), limits)).toBe(tooLong);
    expect(await refusal(sheet(`<c r="A1" s="${'1'.repeat(1001)}"/>`), limits)).toBe(tooLong);
    expect(await refusal(sheet(`<!-- ${'<a>'.repeat(400)} -->`), limits)).toBe(tooLong);
    expect(await refusal(sheet(text(`<![CDATA[${'<a>'.repeat(400)}]]>`)), limits)).toBe(tooLong);
    expect(await refusal(sheet(`<?pi ${'<a>'.repeat(400)}?>`), limits)).toBe(tooLong);
    expect(await refusal(sheet(text(`&amp${'<a>'.repeat(400)};`)), limits)).toBe(
      'tệp .xlsx bị hỏng',
    );
    expect(
      cells(
        await rows(sheet(`<!-- <a> -->${text('<![CDATA[<b>]]>')}`), {
          ...IMPORT_LIMITS,
          ...limits,
        }),
      ),
    ).toEqual([['<b>']]);
    expect(await refusal(sheet('<a>'.repeat(70)))).toBe(
      'tệp có XML lồng nhau quá 64 tầng (nghi là tệp độc hại)',
    );
    const doctype = workbookParts({
      sheets: [
        { name: 'S', file: 'sheet1.xml', xml: `<!DOCTYPE x [<!ENTITY a "aaaa">]>${sheetXml('')}` },
      ],
    });
    expect(await refusal(zipText(doctype))).toBe(
      'tệp có khai báo DOCTYPE, điều tệp .xlsx không có (nghi là tệp độc hại)',
    );
  });

  it('finds the column of a reference', () => {
    expect(['A1', 'C5', 'Z9', 'AA1', 'BH2', 'XFD1', 'c3', '12', ''].map(columnOf)).toEqual([
      1, 3, 26, 27, 60, 16_384, 3, 0, 0,
    ]);
  });
});
