// Presets: named bundles of group activations that users save, apply, share and organisations
// push. Pure; the options page and the background store and act on them.
export { type PresetActivationOptions, presetActivation } from './activation.ts';
export { canonicalPreset, canonicalSet } from './canonical.ts';
export {
  decodeShareCode,
  type ExportOptions,
  encodeShareCode,
  exportPresets,
  type PresetReadResult,
  parsePresetFile,
  presetFileTooLarge,
  presetFileTooLargeResult,
  presetSetOf,
  SHARE_CODE_PREFIX,
  validatePresetSet,
} from './codec.ts';
export { MAX_LISTED_PROBLEMS, type PresetSource, presetIssueSentences } from './errors.ts';
export { PRESET_FORMAT, PRESET_FORMAT_VERSION, PRESET_LIMITS } from './limits.ts';
export {
  type ApplyOptions,
  applyImport,
  type ImportAction,
  type ImportContext,
  type ImportPlan,
  type PlannedEntry,
  type PlannedPreset,
  planImport,
  presetContent,
  uniqueName,
} from './merge.ts';
export { type PresetOrigin, type PresetRef, parsePresetRef, presetRef } from './ref.ts';
export { type Preset, type PresetEntry, type PresetSet, presetSchema, presetSetSchema } from './schema.ts';
export { expandJustification, isoCalendarDate, type TemplateValues } from './template.ts';
