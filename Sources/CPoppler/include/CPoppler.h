// poppler-cpp (Debian's libpoppler-cpp) behind C functions for Swift: open a PDF from
// memory, read each page's words with their boxes in reading order, render a page to a
// grayscale bitmap (for OCR). Nothing here throws or prints: poppler's own error output
// is silenced and every failure is a status code.
#ifndef CPOPPLER_H
#define CPOPPLER_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cpoppler_document cpoppler_document;

typedef enum {
    CPOPPLER_OK = 0,
    CPOPPLER_MALFORMED = 1,          // poppler cannot parse the file
    CPOPPLER_NEEDS_PASSWORD = 2,     // encrypted with a user password
    CPOPPLER_FAILED = 3              // out of memory or another internal failure
} cpoppler_status;

/// Opens the PDF in `data` (the bytes must outlive the document). NULL on failure, with `*status` set.
cpoppler_document *cpoppler_open(const char *data, size_t length, cpoppler_status *status);
void cpoppler_close(cpoppler_document *doc);

int cpoppler_page_count(const cpoppler_document *doc);
int cpoppler_is_encrypted(const cpoppler_document *doc);
/// Whether the owner allows copying text out (the permission a text extractor honours).
int cpoppler_can_copy(const cpoppler_document *doc);

/// One word (for CJK text usually a whole run of a line), box in points from the page's top left.
typedef struct {
    double x0, y0, x1, y1;
    uint32_t start, length;          // its UTF-8 bytes in cpoppler_page_words.text
    int32_t space_after;             // poppler saw a gap after it (Latin word spacing)
} cpoppler_word;

typedef struct {
    cpoppler_word *words;            // malloc'd, `count` entries
    size_t count;
    char *text;                      // malloc'd UTF-8 of all words back to back
    size_t text_length;
    double width, height;            // the page's crop box, in points
} cpoppler_page_words;

/// The words of page `index` (0-based) in poppler's reading order. 0 on success.
int cpoppler_page_text(const cpoppler_document *doc, int index, cpoppler_page_words *out);
void cpoppler_page_words_free(cpoppler_page_words *words);

/// Renders page `index` as 8-bit gray at `dpi` into a malloc'd buffer of `*stride` × `*height`
/// bytes. 0 on success.
int cpoppler_render_gray(const cpoppler_document *doc, int index, double dpi,
                         unsigned char **pixels, int *width, int *height, int *stride);

#ifdef __cplusplus
}
#endif
#endif
