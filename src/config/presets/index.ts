import type { UserConfig } from '../types.js';

export interface Preset {
  description: string;
  config: UserConfig;
  /** Folder that the preset's relative paths (schemas) are resolved against. */
  base: string;
}

/** Built-in presets, by the name used in `extends` and `--preset`. */
export const presets: Record<string, Preset> = {};
