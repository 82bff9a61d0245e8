/** The households of the import benchmark: the workbook and the COPY load the same rows. */
export function benchHousehold(index: number, hamletCodes: string[]) {
  const number = String(index).padStart(6, '0');
  return {
    code: `BIMP_H${number}`,
    headName: `Lê Thị Nhập ${number}`,
    hamletCode: hamletCodes[index % hamletCodes.length],
    members: 1 + (index % 7),
  };
}
