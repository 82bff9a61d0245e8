import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

// The writer's own content-types serialiser, so the part list stays exactly what exceljs writes.
const ContentTypesXform = createRequire(import.meta.url)(
  'exceljs/lib/xlsx/xform/core/content-types-xform.js',
) as new () => { toXml(model: unknown): string };

/** What exceljs's streaming writer keeps privately and this module extends. */
interface WriterInternals {
  zip: { append(data: string, options: { name: string }): void };
  media: { name: string }[];
  addContentTypes(): Promise<void>;
  _worksheets: unknown[];
  sharedStrings: unknown;
  commentRefs: unknown;
  drawings?: { name: string }[];
}

interface SheetInternals {
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeRowBreaks(): void;
  stream: { write(xml: string): void };
}

export interface ImagePlacement {
  /** Zero-based column and row of the picture's top-left corner. */
  col: number;
  row: number;
  widthPx: number;
  heightPx: number;
  name: string;
}

const EMU_PER_PIXEL = 9525;
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function drawingXml(placement: ImagePlacement): string {
  const cx = placement.widthPx * EMU_PER_PIXEL;
  const cy = placement.heightPx * EMU_PER_PIXEL;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:oneCellAnchor><xdr:from><xdr:col>${placement.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${placement.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="${escapeXml(placement.name)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`;
}

function drawingRelsXml(mediaName: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_IMAGE}" Target="../media/${mediaName}"/></Relationships>`;
}

/**
 * exceljs's streaming writer embeds images only as sheet backgrounds, which neither print nor sit
 * where the reader expects. Officials file the chart with the figures, so this places a picture
 * drawing on a streamed sheet through the writer's own relationships, zip and content types.
 * Call it before the sheet is committed, at most once per sheet.
 */
export function addStreamedImage(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  png: Buffer,
  placement: ImagePlacement,
): void {
  const writer = workbook as unknown as WriterInternals;
  const target = sheet as unknown as SheetInternals;
  const imageId = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
  const media = writer.media[imageId];
  if (!writer.drawings) {
    writer.drawings = [];
    // The content types must list every drawing part, or Excel reports the file as damaged.
    writer.addContentTypes = function addContentTypesWithDrawings(this: WriterInternals) {
      const xml = new ContentTypesXform().toXml({
        worksheets: this._worksheets.filter(Boolean),
        sharedStrings: this.sharedStrings,
        commentRefs: this.commentRefs,
        media: this.media,
        drawings: this.drawings,
      });
      this.zip.append(xml, { name: '[Content_Types].xml' });
      return Promise.resolve();
    };
  }
  const name = `drawing${writer.drawings.length + 1}`;
  writer.drawings.push({ name });
  writer.zip.append(drawingXml(placement), { name: `xl/drawings/${name}.xml` });
  writer.zip.append(drawingRelsXml(media.name), { name: `xl/drawings/_rels/${name}.xml.rels` });
  const writeRowBreaks = target._writeRowBreaks.bind(target);
  // The <drawing> element belongs right after the row breaks in the sheet XML.
  target._writeRowBreaks = () => {
    writeRowBreaks();
    const rId = target._sheetRelsWriter.addRelationship({
      Type: REL_DRAWING,
      Target: `../drawings/${name}.xml`,
    });
    target.stream.write(`<drawing r:id="${rId}"/>`);
  };
}
