// poppler-cpp behind the C functions of CPoppler.h.
#include "CPoppler.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-page-renderer.h>

struct cpoppler_document {
    std::unique_ptr<poppler::document> doc;
};

// poppler reports syntax errors of malformed files on stderr; a worker's log is no place for them.
static void ignore_message(const std::string &, void *) {}
static void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(ignore_message, nullptr); });
}

extern "C" cpoppler_document *cpoppler_open(const char *data, size_t length, cpoppler_status *status) {
    silence_poppler();
    *status = CPOPPLER_FAILED;
    if (length > static_cast<size_t>(INT32_MAX)) return nullptr;
    try {
        std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data, static_cast<int>(length)));
        if (!doc) { *status = CPOPPLER_MALFORMED; return nullptr; }
        if (doc->is_locked()) { *status = CPOPPLER_NEEDS_PASSWORD; return nullptr; }
        auto *out = new cpoppler_document{std::move(doc)};
        *status = CPOPPLER_OK;
        return out;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void cpoppler_close(cpoppler_document *doc) { delete doc; }

extern "C" int cpoppler_page_count(const cpoppler_document *doc) { return doc->doc->pages(); }
extern "C" int cpoppler_is_encrypted(const cpoppler_document *doc) { return doc->doc->is_encrypted() ? 1 : 0; }
extern "C" int cpoppler_can_copy(const cpoppler_document *doc) {
    return doc->doc->has_permission(poppler::perm_copy) ? 1 : 0;
}

extern "C" int cpoppler_page_text(const cpoppler_document *doc, int index, cpoppler_page_words *out) {
    std::memset(out, 0, sizeof *out);
    try {
        std::unique_ptr<poppler::page> page(doc->doc->create_page(index));
        if (!page) return 1;
        const poppler::rectf box = page->page_rect();
        out->width = box.width();
        out->height = box.height();
        std::vector<poppler::text_box> boxes = page->text_list();
        std::string text;
        std::vector<cpoppler_word> words;
        words.reserve(boxes.size());
        for (const auto &b : boxes) {
            const poppler::byte_array utf8 = b.text().to_utf8();
            const poppler::rectf r = b.bbox();
            cpoppler_word w;
            w.x0 = r.left(); w.y0 = r.top(); w.x1 = r.right(); w.y1 = r.bottom();
            w.start = static_cast<uint32_t>(text.size());
            w.length = static_cast<uint32_t>(utf8.size());
            w.space_after = b.has_space_after() ? 1 : 0;
            text.append(utf8.data(), utf8.size());
            words.push_back(w);
        }
        out->words = static_cast<cpoppler_word *>(std::malloc(words.size() * sizeof(cpoppler_word) + 1));
        out->text = static_cast<char *>(std::malloc(text.size() + 1));
        if (out->words == nullptr || out->text == nullptr) { cpoppler_page_words_free(out); return 2; }
        if (!words.empty()) std::memcpy(out->words, words.data(), words.size() * sizeof(cpoppler_word));
        if (!text.empty()) std::memcpy(out->text, text.data(), text.size());
        out->count = words.size();
        out->text_length = text.size();
        return 0;
    } catch (...) {
        cpoppler_page_words_free(out);
        return 3;
    }
}

extern "C" void cpoppler_page_words_free(cpoppler_page_words *words) {
    std::free(words->words);
    std::free(words->text);
    words->words = nullptr; words->text = nullptr; words->count = 0; words->text_length = 0;
}

extern "C" int cpoppler_render_gray(const cpoppler_document *doc, int index, double dpi,
                                    unsigned char **pixels, int *width, int *height, int *stride) {
    *pixels = nullptr;
    try {
        std::unique_ptr<poppler::page> page(doc->doc->create_page(index));
        if (!page) return 1;
        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        renderer.set_image_format(poppler::image::format_gray8);
        poppler::image image = renderer.render_page(page.get(), dpi, dpi);
        if (!image.is_valid() || image.format() != poppler::image::format_gray8) return 2;
        const size_t bytes = static_cast<size_t>(image.bytes_per_row()) * static_cast<size_t>(image.height());
        unsigned char *copy = static_cast<unsigned char *>(std::malloc(bytes));
        if (copy == nullptr) return 3;
        std::memcpy(copy, image.const_data(), bytes);
        *pixels = copy;
        *width = image.width();
        *height = image.height();
        *stride = image.bytes_per_row();
        return 0;
    } catch (...) {
        return 4;
    }
}
