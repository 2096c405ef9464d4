/** Media types of the file answers, for `@ApiProduces(...)` on the handlers that send a file (issue 19). */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';
export const OFD = 'application/ofd';
