// Printer columns many Kong kinds share, spelled exactly as their CRDs spell them.
import type { PrinterColumn } from '../types.ts';

/** `Programmed` of Konnect entities (single quotes), with the CRD's description. */
export const programmedOnKonnectColumn: PrinterColumn = {
  name: 'Programmed',
  type: 'string',
  jsonPath: ".status.conditions[?(@.type=='Programmed')].status",
  description: 'The Resource is Programmed on Konnect',
};

/** `Age` with the CRD's description. */
export const ageColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' };

/** `Age` without a description. */
export const bareAgeColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** `Programmed` of KIC-origin kinds (double quotes, no description). */
export const programmedKicColumn: PrinterColumn = {
  name: 'Programmed',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Programmed")].status',
};

/** The two columns every Konnect entity shows: Programmed, Age. */
export const konnectEntityColumns: PrinterColumn[] = [programmedOnKonnectColumn, ageColumn];
