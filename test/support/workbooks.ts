import ExcelJS from 'exceljs';
import type { TestAgent } from './test-app.js';

export type SheetRow = Record<string, string | number | null | { formula: string }>;

/** A download's body as bytes, with its headers. */
export async function download(
  agent: TestAgent,
  path: string,
): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const response = await agent
    .get(path)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return { body: response.body as Buffer, headers: response.headers };
}

export async function bytes(agent: TestAgent, path: string): Promise<Buffer> {
  return (await download(agent, path)).body;
}

export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** Fills a template's data sheet the way an official would: example removed, rows typed in. */
export async function fill(template: Buffer, rows: SheetRow[]): Promise<Buffer> {
  const workbook = await readWorkbook(template);
  const sheet = workbook.getWorksheet('Dữ liệu') as ExcelJS.Worksheet;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  sheet.spliceRows(2, sheet.rowCount);
  for (const row of rows) sheet.addRow(headers.map((header) => row[header] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
