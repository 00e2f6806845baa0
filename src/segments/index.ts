/**
 * Segments: tag rules as data, RFM scores and named segments, lifecycle stages and win-back personas.
 *
 * @module segments
 */
export { PERSONAS } from './PersonaName.js';
export type { PersonaName } from './PersonaName.js';
export type { PersonaReason, PersonaTable } from './PersonaTable.js';
