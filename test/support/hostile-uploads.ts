import {
  batched,
  deflatedPart,
  repeatedPart,
  MAIN_NS,
  withPart,
  zipOf,
  type ZipPart,
} from './xlsx-parts.js';

/**
 * The hostile uploads the API must refuse quickly and within its memory, each built on the parts of
 * a real template (the households template: 'Dữ liệu' is xl/worksheets/sheet1.xml) with one part
 * replaced. The e2e tests upload them; the memory test reads each in a process of its own.
 */
export interface HostileUpload {
  name: string;
  /** What the refusal must say. */
  message: RegExp;
  build(template: ZipPart[]): Buffer;
}

const MiB = 1024 * 1024;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SHEET_HEAD = `${XML}<worksheet xmlns="${MAIN_NS}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const HEADERS =
  '<row r="1">' +
  ['Mã hộ', 'Họ tên chủ hộ', 'Mã thôn', 'Số nhân khẩu']
    .map((header) => `<c t="inlineStr"><is><t>${header}</t></is></c>`)
    .join('') +
  '</row>';

/** The template with one part replaced; the part must be one the template has. */
function replacing(template: ZipPart[], part: ZipPart): Buffer {
  if (!template.some((existing) => existing.name === part.name))
    throw new Error(`the template has no part ${part.name}`);
  return zipOf(withPart(template, part));
}

/** A part whose data inflates to 4 GiB (`filler`, 1 MiB of it, 4,096 times) but declares 8 MB. */
function fourGiB(name: string, head: string, filler: string, tail: string): ZipPart {
  return repeatedPart(name, {
    head,
    filler: filler.repeat(Math.ceil(MiB / filler.length)).slice(0, MiB),
    times: 4096,
    tail,
    declared: 8_000_000,
  });
}

export const HOSTILE_UPLOADS: HostileUpload[] = [
  {
    name: 'a sheet of 4 GiB of whitespace declaring 8 MB',
    message: /tệp giải nén ra quá lớn: hơn 200 lần dung lượng nén/,
    build: (template) =>
      replacing(template, fourGiB('xl/worksheets/sheet1.xml', SHEET_HEAD, ' ', SHEET_TAIL)),
  },
  {
    name: 'shared strings of 4 GiB of repeated items declaring 8 MB',
    message: /tệp giải nén ra quá lớn: hơn 200 lần dung lượng nén/,
    build: (template) =>
      replacing(
        template,
        fourGiB(
          'xl/sharedStrings.xml',
          `${XML}<sst xmlns="${MAIN_NS}">`,
          '<si><t>a</t></si>',
          '</sst>',
        ),
      ),
  },
  {
    name: 'styles of 4 GiB of repeated fonts declaring 8 MB',
    message: /tệp giải nén ra quá lớn: hơn 200 lần dung lượng nén/,
    build: (template) =>
      replacing(
        template,
        fourGiB(
          'xl/styles.xml',
          `${XML}<styleSheet xmlns="${MAIN_NS}"><fonts>`,
          '<font><sz val="11"/></font>',
          '</fonts></styleSheet>',
        ),
      ),
  },
  {
    name: 'a sheet honestly declaring 310 MB, whitespace past the cap',
    message: /tệp giải nén ra quá lớn: quá 300 MB/,
    build: (template) => {
      const times = 310;
      const tail = `${HEADERS}${SHEET_TAIL}`;
      return replacing(
        template,
        repeatedPart('xl/worksheets/sheet1.xml', {
          head: SHEET_HEAD,
          filler: ' '.repeat(MiB),
          times,
          tail,
          declared: Buffer.byteLength(SHEET_HEAD) + times * MiB + Buffer.byteLength(tail),
        }),
      );
    },
  },
  {
    name: 'a shared-strings table of two million tiny strings',
    message: /bảng chuỗi dùng chung \(sharedStrings\.xml\) có hơn 1\.000\.000 chuỗi/,
    build: (template) =>
      replacing(
        template,
        deflatedPart('xl/sharedStrings.xml', [
          `${XML}<sst xmlns="${MAIN_NS}">`,
          ...batched(2_000_000, (index) => `<si><t>${index.toString(36)}</t></si>`),
          '</sst>',
        ]),
      ),
  },
  {
    name: 'a row of two million cells',
    message: /dòng 2 có hơn 16\.384 ô/,
    build: (template) =>
      replacing(
        template,
        deflatedPart('xl/worksheets/sheet1.xml', [
          `${SHEET_HEAD}${HEADERS}<row r="2">`,
          ...batched(2_000_000, (index) => `<c s="${index}"/>`),
          `</row>${SHEET_TAIL}`,
        ]),
      ),
  },
  {
    name: 'one shared string of 32,767 characters in 350,000 cells',
    message: /các ô chữ của trang tính có hơn 100\.000\.000 ký tự/,
    build: (template) => {
      const letters = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
      const strings = deflatedPart('xl/sharedStrings.xml', [
        `${XML}<sst xmlns="${MAIN_NS}"><si><t>${'ộ'.repeat(32_767)}</t></si></sst>`,
      ]);
      const sheet = deflatedPart('xl/worksheets/sheet1.xml', [
        `${SHEET_HEAD}${HEADERS}`,
        ...batched(
          50_000,
          (index) =>
            `<row r="${index + 2}">${letters.map((letter) => `<c r="${letter}${index + 2}" t="s"><v>0</v></c>`).join('')}</row>`,
        ),
        SHEET_TAIL,
      ]);
      return zipOf(withPart(withPart(template, strings), sheet));
    },
  },
  {
    name: 'one cell of twenty million characters',
    message: /tệp có một đoạn XML dài hơn 1\.048\.576 ký tự/,
    build: (template) =>
      replacing(
        template,
        deflatedPart('xl/worksheets/sheet1.xml', [
          `${SHEET_HEAD}${HEADERS}<row r="2"><c r="B2" t="inlineStr"><is><t>`,
          ...batched(1_000_000, (index) => `Nguyễn Văn ${index}, `),
          `</t></is></c></row>${SHEET_TAIL}`,
        ]),
      ),
  },
];
