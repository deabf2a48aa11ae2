import type { UserConfig } from '../types.js';
import { packageRoot } from '../../util/paths.js';
import { datadogPreset } from './datadog.js';

export interface Preset {
  description: string;
  config: UserConfig;
  /** Folder that the preset's relative paths (schemas) are resolved against. */
  base: string;
}

/** Built-in presets, by the name used in `extends` and `--preset`. */
export const presets: Record<string, Preset> = {
  datadog: {
    description: "Hugo docs trees laid out like Datadog's: content/<locale>, compatibility pages per language and product",
    config: datadogPreset,
    base: packageRoot,
  },
};
