// libFuzzer target: the scheme importer (`attune-cli scheme import`, the window's Import):
// a file that validates is stored byte for byte, and what the store gives back loads again
// to the same Scheme. One database in a private temp folder for the whole run.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "scheme/scheme_loader.h"
#include "store/store.h"

namespace {

struct Db {
  std::string folder;
  std::unique_ptr<attune::Store> store;
  Db() {
    char name[] = "/tmp/attune-fuzz-import-XXXXXX";
    if (!::mkdtemp(name)) std::abort();
    folder = name;
    store = std::make_unique<attune::Store>(folder + "/fuzz.attune", attune::OpenMode::CreateIfMissing, "fuzz");
  }
  ~Db() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Db db;  // libFuzzer runs the inputs one after another on this thread
  const std::string text(reinterpret_cast<const char*>(data), size);
  const attune::SchemeLoadResult loaded = attune::load_scheme_text(text, "fuzz.json");
  if (!loaded.ok()) return 0;
  const attune::Scheme& scheme = *loaded.scheme;
  std::int64_t id = 0;
  try {
    id = db.store->import_scheme(text);
  } catch (const attune::Error& e) {
    // Only the documented refusal: the same name@version with other content.
    if (e.kind() != attune::ErrorKind::Conflict) {
      std::fprintf(stderr, "import refused a valid scheme: %s\n", e.what());
      std::abort();
    }
    return 0;
  }
  const attune::SchemeRow row = db.store->scheme(id);
  const attune::SchemeLoadResult stored = attune::load_scheme_text(row.json, "stored");
  if (row.json != text || !stored.ok() || !(*stored.scheme == scheme)) {
    std::fprintf(stderr, "the stored scheme is not the imported one\n");
    std::abort();
  }
  return 0;
}
