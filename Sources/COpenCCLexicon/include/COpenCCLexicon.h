// Enumerates an OpenCC .ocd2 dictionary through libopencc's own loader, so the Swift
// converter uses exactly the entries OpenCC would (no hand-parsing of marisa files).
#ifndef COPENCC_LEXICON_H
#define COPENCC_LEXICON_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Loads the .ocd2 file at `path` and returns a malloc'd buffer of `*count` entries, each
/// written as key '\0' default-value '\0' (UTF-8), `*length` bytes in all. On failure returns
/// NULL and, if `error` is not NULL, a malloc'd message in `*error`. Free both with free().
char *copencc_lexicon_load(const char *path, size_t *length, size_t *count, char **error);

#ifdef __cplusplus
}
#endif
#endif
