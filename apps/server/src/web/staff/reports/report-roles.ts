import { OFFICE_READERS } from '@grants/core';

/** Who reads round reports and the fund overview: officers, finance and the decision maker. */
export const REPORT_READERS = OFFICE_READERS;
