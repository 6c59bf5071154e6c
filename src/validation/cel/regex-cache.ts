// `matches()` compiles its pattern on every call by default; rules use a handful of constant
// patterns, so keep the compiled RE2 programs (and their DFA caches) around. Shared by the
// library's environment and the fast path, so both match with the same engine.
// (@bufbuild/re2 is @bufbuild/cel's own, exactly pinned, regex engine.)
import { RE2JS } from '@bufbuild/re2';

const regexCache = new Map<string, RE2JS>();

export const cachedRe2 = {
  compile(pattern: string): RE2JS {
    let compiled = regexCache.get(pattern);
    if (!compiled) {
      compiled = RE2JS.compile(pattern);
      if (regexCache.size >= 1000) regexCache.clear();
      regexCache.set(pattern, compiled);
    }
    return compiled;
  },
};
