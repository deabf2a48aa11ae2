import { RE2JS } from 're2js';
import { UsageError } from './errors.js';

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/**
 * A regular expression written in config, run on RE2 (re2js, a pure JavaScript port): matching
 * takes time linear in the text whatever the pattern, so no pattern can hang a run. RE2 has no
 * backreferences or lookaround; a pattern that uses them is a config error. The source and
 * flags are the only enumerable fields, so a config fingerprint hashes what the pattern says.
 */
export class UserRegex {
  readonly #re: RE2JS;

  private constructor(
    readonly source: string,
    readonly flags: string,
    re: RE2JS,
  ) {
    this.#re = re;
  }

  /**
   * Compile `body` with flags from `imsu`; a one-line config error naming `where` and the
   * pattern as written (`shown`) otherwise.
   */
  static compile(body: string, flags: string, where: string, shown = `/${body}/${flags}`): UserRegex {
    const unknown = [...flags].filter((f) => !(f in FLAG_BITS));
    if (unknown.length > 0) throw new UsageError(`${where}: unsupported regular expression flags "${unknown.join('')}" in ${shown} (use i, m, s, u)`);
    const bits = [...flags].reduce((sum, f) => sum | (FLAG_BITS[f] ?? 0), 0);
    try {
      return new UserRegex(body, flags, RE2JS.compile(body, bits));
    } catch (error) {
      const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
      throw new UsageError(`${where}: unsupported regular expression ${shown} (${reason}; patterns run on RE2: no backreferences or lookaround)`);
    }
  }

  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean {
    return this.#re.matcher(text).find();
  }

  /** The first match and its groups (`[whole, group1, ...]`, null for a group that took no part), or null. */
  exec(text: string): Array<string | null> | null {
    const m = this.#re.matcher(text);
    if (!m.find()) return null;
    const out: Array<string | null> = [];
    for (let g = 0; g <= m.groupCount(); g++) out.push(m.group(g));
    return out;
  }
}

/** A name taken as data (a shortcode name, a kind id) made safe to put inside a pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
