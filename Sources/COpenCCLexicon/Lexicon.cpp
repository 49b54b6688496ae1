// libopencc's C++ API (MarisaDict, Lexicon, DictEntry) behind a C function for Swift.
#include "COpenCCLexicon.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>

static char *copy_message(const std::string &message) {
  char *out = static_cast<char *>(std::malloc(message.size() + 1));
  if (out != nullptr) std::memcpy(out, message.c_str(), message.size() + 1);
  return out;
}

extern "C" char *copencc_lexicon_load(const char *path, size_t *length, size_t *count, char **error) {
  if (error != nullptr) *error = nullptr;
  try {
    FILE *fp = std::fopen(path, "rb");
    if (fp == nullptr) throw std::runtime_error(std::string("cannot open ") + path);
    opencc::MarisaDictPtr dict;
    try {
      dict = opencc::MarisaDict::NewFromFile(fp);
    } catch (...) {
      std::fclose(fp);
      throw;
    }
    std::fclose(fp);

    std::string buffer;
    size_t n = 0;
    for (const auto &entry : *dict->GetLexicon()) {
      const std::string key = entry->Key();
      const std::string value = entry->GetDefault();
      buffer.append(key.c_str(), key.size() + 1);   // keeps the '\0'
      buffer.append(value.c_str(), value.size() + 1);
      n += 1;
    }
    char *out = static_cast<char *>(std::malloc(buffer.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, buffer.data(), buffer.size());
    out[buffer.size()] = '\0';
    *length = buffer.size();
    *count = n;
    return out;
  } catch (const std::exception &e) {
    if (error != nullptr) *error = copy_message(std::string(path) + ": " + e.what());
  } catch (...) {
    if (error != nullptr) *error = copy_message(std::string(path) + ": unknown OpenCC error");
  }
  return nullptr;
}
