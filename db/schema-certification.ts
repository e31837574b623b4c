// Tables of the certification module: add one interface per table and list it here.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CertificationTables {}
